export { keysetPages, rowCells, sendXlsx, writeXlsx, type Cell, type CellFormat, type XlsxColumn, type XlsxOptions, type XlsxSheet } from './xlsx'
export { attachment as contentDisposition, XLSX_TYPE } from '../http/download'
export { EXPORT_CLOSED } from '../xlsx-stream'
