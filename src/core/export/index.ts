export {
  keysetPages,
  rowCells,
  sendXlsx,
  writeXlsx,
  xlsxBuffer,
  xlsxSheet,
  type DeclaredSheet,
  type Cell,
  type CellFormat,
  type XlsxColumn,
  type XlsxOptions,
  type XlsxSheet,
} from './xlsx'
export { attachment as contentDisposition, XLSX_TYPE } from '../http/download'
export { EXPORT_CLOSED } from '../xlsx-stream'
