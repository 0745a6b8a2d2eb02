export { attachmentStoreFor, createAttachmentStore, type AcceptedFile, type AttachmentMeta, type AttachmentStore } from './attachments.store'
export { commandScanner, notScanned, scannerFor, type VirusScanner } from './attachments.scan'
export { checkFile, safeFileName, sniff, typeNames } from './attachments.sniff'
export { defineAttachmentKind, FILE_TYPES, type AttachmentKind, type FileTypeId, type ScanStatus } from './attachments.types'
