/**
 * A legal basis as it may be printed on a document served to a party, or shown to staff who do not
 * administer the rules: the reviewers' remarks in brackets (“（条款待核实）”, “（项序待核实；…）”)
 * are internal. Legal review is flagged to the administrator on the rules page only.
 */
export function printableLegalBasis(basis: string): string {
  return basis.replace(/[（(][^（）()]*(?:待核实|须核实|未经核实)[^（）()]*[）)]/g, '').trim()
}
