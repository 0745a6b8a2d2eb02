/** Response shapes of the investigation stage (GET /api/cases/:id/investigation and its changes). */
import { z } from 'zod'

const Item = z.object({ name: z.string(), quantity: z.number(), unit: z.string(), location: z.string() })

export const InvestigationView = z
  .object({
    caseId: z.string(),
    version: z.number().int().describe('案件版本号（提交变更时回传）'),
    evidence: z.array(
      z.object({
        id: z.string(),
        seq: z.number().int(),
        kind: z.string(),
        kindLabel: z.string(),
        title: z.string(),
        description: z.string().nullable(),
        source: z.string().nullable(),
        collectedBy: z.string().nullable(),
        collectedOn: z.string(),
        recordId: z.string().nullable(),
        files: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() })),
      }),
    ),
    records: z.array(
      z.object({
        id: z.string(),
        seq: z.number().int(),
        kind: z.string(),
        kindLabel: z.string(),
        startedAt: z.string(),
        endedAt: z.string(),
        place: z.string(),
        officers: z.array(z.object({ name: z.string(), certNo: z.string() })),
        recorder: z.string(),
        personName: z.string().nullable(),
        personIdMasked: z.string().nullable().describe('被询问人身份证件号码（脱敏）'),
        personRole: z.string().nullable(),
        qa: z.array(z.object({ q: z.string(), a: z.string() })),
        present: z.string().nullable(),
        findings: z.string().nullable(),
        docNo: z.string().nullable(),
        documentId: z.string().nullable(),
      }),
    ),
    preservations: z.array(
      z.object({
        id: z.string(),
        reason: z.string(),
        items: z.array(Item),
        itemsText: z.string(),
        state: z.string(),
        stateLabel: z.string(),
        requestedOn: z.string(),
        approvedOn: z.string().nullable(),
        dueOn: z.string().nullable().describe('七个工作日处理决定期限'),
        noticeNo: z.string().nullable(),
        decision: z.string().nullable(),
        decisionLabel: z.string().nullable(),
        decidedOn: z.string().nullable(),
        decisionNo: z.string().nullable(),
        decisionNote: z.string().nullable(),
      }),
    ),
    avoidances: z.array(
      z.object({
        id: z.string(),
        officerName: z.string(),
        applicant: z.string(),
        applicantLabel: z.string(),
        reason: z.string(),
        appliedOn: z.string(),
        replacementName: z.string().nullable(),
        state: z.string(),
        stateLabel: z.string(),
        decidedOn: z.string().nullable(),
        decisionNote: z.string().nullable(),
        docNo: z.string().nullable(),
      }),
    ),
    transfers: z.array(
      z.object({
        id: z.string(),
        target: z.string(),
        targetLabel: z.string(),
        organ: z.string(),
        reason: z.string(),
        materials: z.string().nullable(),
        transferredOn: z.string(),
        docNo: z.string().nullable(),
        state: z.string(),
        stateLabel: z.string(),
        receivedOn: z.string().nullable(),
        receivingOrgan: z.string().nullable(),
        outcome: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CaseInvestigation' })
export type InvestigationView = z.infer<typeof InvestigationView>
