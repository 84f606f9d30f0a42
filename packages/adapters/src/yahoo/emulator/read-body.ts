import { CODE, failure, type Failure } from './codes.js';
import { readJsonRequest } from './request-json.js';
import type { ParsedRequest } from './request-model.js';
import { readXmlRequest } from './request-xml.js';
import { XmlSyntaxError, readXml } from './xml-reader.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a POSTed body: bytes that are not UTF-8 (seed code 70040) are reported as 80020, as the
 * seed says to expect; a body that is not well-formed XML or JSON is 80020; a well-formed body that
 * is not a sync request is 80040.
 */
export function readRequestBody(format: 'xml' | 'json', body: Uint8Array, maxBytes: number): ParsedRequest | Failure {
  if (body.byteLength > maxBytes) return failure(CODE.INVALID_REQUEST, `body of ${body.byteLength} bytes is too large`);
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return failure(CODE.SYNTAX_ERROR, `${CODE.INVALID_UTF8}: the body is not valid UTF-8`);
  }
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return failure(CODE.SYNTAX_ERROR, `JSON: ${error instanceof Error ? error.message : 'not well-formed'}`);
    }
    return readJsonRequest(value) ?? failure(CODE.INVALID_REQUEST, 'the body is not a sync_request');
  }
  try {
    return readXmlRequest(readXml(text)) ?? failure(CODE.INVALID_REQUEST, 'the body is not a <sync-request>');
  } catch (error) {
    if (error instanceof XmlSyntaxError) return failure(CODE.SYNTAX_ERROR, `XML: ${error.message}`);
    throw error;
  }
}
