import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { AppError, validation } from '../errors'
import { newId } from '../ids'

/*
 * The one way routes receive an uploaded file (multipart field `file`). A malformed request is the
 * client's error: a multipart Content-Type without its boundary (busboy throws "Boundary not
 * found"), a part header or body cut off (busboy destroys the file stream without an error, and a
 * pipeline on it never settles). Each is a 400 with a zh-CN message, never a 500 or a hung request.
 */

const NOT_MULTIPART = '请以 multipart/form-data 上传文件（字段名 file）'
const NO_BOUNDARY = 'multipart/form-data 请求缺少 boundary 参数'
const MALFORMED = '上传的内容不完整或格式不正确，请重新上传'

function hasBoundary(contentType: string | undefined): boolean {
  return /;\s*boundary=("[^"]+"|[^;\s"]+)/i.test(contentType ?? '')
}

/** Errors of the multipart plugin carry a 4xx status (limits); busboy's own parse errors carry none. */
function asClientError(e: unknown): unknown {
  const status = (e as { statusCode?: number }).statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return e
  if (e instanceof AppError) return e
  return validation(MALFORMED)
}

/** True when the part's stream was ended early (request cut off): destroyed before its end. */
function cutOff(file: MultipartFile): boolean {
  return file.file.destroyed && !file.file.readableEnded
}

/**
 * The uploaded file of a multipart request.
 * @throws VALIDATION for a request that is not multipart, has no boundary, is malformed or has no file
 */
export async function uploadedFile(req: FastifyRequest, opts?: { limits?: { fileSize?: number } }): Promise<MultipartFile> {
  if (!req.isMultipart()) throw validation(NOT_MULTIPART)
  if (!hasBoundary(req.headers['content-type'])) throw validation(NO_BOUNDARY)
  let file: MultipartFile | undefined
  try {
    file = await req.file(opts)
  } catch (e) {
    throw asClientError(e)
  }
  if (!file) throw validation('没有收到文件')
  if (cutOff(file)) throw validation(MALFORMED)
  return file
}

/**
 * Writes an uploaded file to `path`. A request cut off mid-file is a 400 and leaves no file behind;
 * a file over the size limit is a 413 with `tooLarge`.
 */
export async function saveUploadedFile(file: MultipartFile, path: string, tooLarge: string): Promise<void> {
  try {
    if (cutOff(file)) throw validation(MALFORMED)
    await pipeline(file.file, createWriteStream(path))
  } catch (e) {
    await rm(path, { force: true })
    // The disk's errors (ENOSPC, EACCES) are the server's; the rest come from the request.
    if ((e as NodeJS.ErrnoException).syscall) throw e
    throw asClientError(e)
  }
  if (file.file.truncated) {
    await rm(path, { force: true })
    throw new AppError('PAYLOAD_TOO_LARGE', tooLarge)
  }
}

/** Reads an uploaded file into memory (small files: attachments, national-platform batches). */
export async function uploadedBytes(file: MultipartFile, tooLarge: string): Promise<Buffer> {
  if (cutOff(file)) throw validation(MALFORMED)
  let bytes: Buffer
  try {
    bytes = await file.toBuffer()
  } catch (e) {
    if (file.file.truncated || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', tooLarge)
    throw asClientError(e)
  }
  if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', tooLarge)
  return bytes
}

/**
 * Saves the uploaded import file (multipart field `file`, .xlsx or .csv) under `dir` with a fresh
 * name; returns where it is and the user's file name (cut to 200 characters).
 */
export async function receiveImportFile(req: FastifyRequest, dir: string, maxBytes: number): Promise<{ path: string; fileName: string }> {
  const file = await uploadedFile(req)
  if (!/\.(xlsx|csv)$/i.test(file.filename)) throw validation('只支持 .xlsx 或 .csv 文件')
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${newId()}${/\.xlsx$/i.test(file.filename) ? '.xlsx' : '.csv'}`)
  await saveUploadedFile(file, path, `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`)
  return { path, fileName: file.filename.slice(-200) }
}
