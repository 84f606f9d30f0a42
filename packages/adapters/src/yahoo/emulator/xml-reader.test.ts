import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, childElements, readXml, textOf } from './xml-reader.js';

describe('the emulator XML reader', () => {
  it('reads elements, attributes, text and the predefined entities', () => {
    const root = readXml(`<?xml version="1.0"?>\n<!-- c --><a x="1" y='&quot;2&quot;'>t &amp;amp; &#x41;&#66;<b/><![CDATA[<raw>]]></a>`);
    expect(root.name).toBe('a');
    expect(root.attrs.get('y')).toBe('"2"');
    expect(textOf(root)).toBe('t &amp; AB<raw>');
    expect(childElements(root).map((e) => e.name)).toEqual(['b']);
  });

  it('skips a DOCTYPE line without fetching anything', () => {
    const root = readXml('<!DOCTYPE sync-request SYSTEM "http://l.yimg.com/x.dtd"><sync-request/>');
    expect(root.name).toBe('sync-request');
  });

  it.each([
    ['an internal subset', '<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', 'internal subset'],
    ['an internal subset without entities', '<!DOCTYPE a []><a/>', 'internal subset'],
    ['an undefined entity', '<a>&x;</a>', 'undefined entity'],
    ['a bare ampersand', '<a>Tom & Jerry</a>', 'bare &'],
    ['a mismatched tag', '<a><b></a>', 'mismatched'],
    ['a truncated document', '<sync-request><add-contact>', 'unexpected end'],
    ['two roots', '<a/><b/>', 'after the root'],
    ['a control character', '<a>\u0001</a>', 'not allowed'],
    ['a reference to a control character', '<a>&#1;</a>', 'not allowed'],
    ['a duplicate attribute', '<a x="1" x="2"/>', 'duplicate attribute'],
    ['< in an attribute', '<a x="<"/>', '< in attribute'],
    ['nothing at all', '', 'root element expected'],
  ])('refuses %s', (_what, text, reason) => {
    expect(() => readXml(text)).toThrow(XmlSyntaxError);
    expect(() => readXml(text)).toThrow(reason);
  });

  it('normalises line ends as XML does, and keeps CR written as a character reference', () => {
    expect(textOf(readXml('<a>x\r\ny&#13;</a>'))).toBe('x\ny\r');
  });
});
