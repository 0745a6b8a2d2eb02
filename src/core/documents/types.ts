/**
 * Types of the document engine (文书): templates are data, selected by document kind and by the
 * date that fixes the legal regime of the matter (e.g. the receipt date of a 12315 item: Order 20
 * until 2026-04-14, Order 121 from 2026-04-15). Core knows no domain: kinds, regimes and texts come
 * from the modules.
 */

/** One version of a document's text. Placeholders are `{name}`; every value is escaped when filled. */
export interface DocumentTemplate {
  /** Stable kind, `<matter>.<document>`, e.g. `complaint.acceptance`. */
  kind: string
  /** 1, 2, … per kind; recorded on every issued copy. */
  version: number
  /** Legal regime this text belongs to (e.g. `order20`, `order121`); null when the text is regime-free. */
  regime: string | null
  /** First regime date (YYYY-MM-DD) this version applies to. */
  validFrom: string
  /** Last regime date this version applies to; null = in force. */
  validTo: string | null
  /** Document title, e.g. 受理告知书. */
  title: string
  /** The kind's part of the document number (发文机关代字 + this), e.g. 投受告 → 焦市监投受告〔2026〕1号. */
  numberCode: string
  /** The addressee line without the colon, e.g. `{complainants}`; omitted for documents with none. */
  addressee?: string
  /** Body paragraphs (indented two characters), placeholders filled and escaped. */
  paragraphs: string[]
  /** Closing lines printed left-aligned after the body (e.g. 特此告知。). */
  closing?: string[]
  /** True when the law requires proof of service: a 送达回证 page follows the document. */
  service: boolean
  /** Signature lines for both parties (调解书): printed above the seal block. */
  partySignatures?: string[]
  /**
   * Strings the rendered document must never contain, e.g. an Order 121 text never cites
   * 总局令第20号. Rendering fails loudly instead of printing a wrong citation.
   */
  mustNotCite?: string[]
}

/** The issuing unit as printed: full name and the abbreviation used in document numbers. */
export interface IssuingUnit {
  id: string
  name: string
  /** 发文机关代字, e.g. 焦市监. */
  abbreviation: string
}

/** Everything a document shows besides its template text. */
export interface DocumentFacts {
  template: DocumentTemplate
  unit: IssuingUnit
  /** Document number (文号), already formatted; null for unnumbered documents. */
  docNo: string | null
  /** The decision's date (成文日期), YYYY-MM-DD. */
  issueDate: string
  /** Placeholder values; every one is escaped. */
  values: Record<string, string | number | null | undefined>
  /** Handler and contact line (承办人、联系电话). */
  handler?: { name: string; phone?: string | null } | null
  /** Matter reference printed in small type under the number, e.g. 投诉编号 TS2026…. */
  reference?: string | null
  /** 送达回证: the addressee(s) to serve (names as they are to be printed). */
  serviceTo?: string | null
}
