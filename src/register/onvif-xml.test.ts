import { describe, expect, it } from 'vitest';
import { find, findAll, parseXml, textAt } from './onvif-xml.js';

describe('parseXml', () => {
  it.each([
    ['prefixes are dropped', '<s:Envelope xmlns:s="x"><s:Body><a:Thing>v</a:Thing></s:Body></s:Envelope>', ['Body', 'Thing'], 'v'],
    ['declaration and comments are skipped', '<?xml version="1.0"?><!-- c --><R><!-- in --><A>1</A></R>', ['A'], '1'],
    ['entities and character references', '<R><A>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;</A></R>', ['A'], 'a & b <c> "d" \'e\' AB'],
    ['CDATA is literal', '<R><A><![CDATA[rtsp://h/x?a=1&b=<2>]]></A></R>', ['A'], 'rtsp://h/x?a=1&b=<2>'],
    ['self-closing elements', '<R><E/><A x="1" />  <B>2</B></R>', ['B'], '2'],
    ['whitespace around text is trimmed by textAt', '<R>\n  <A>\n  spaced \n</A>\n</R>', ['A'], 'spaced'],
    ['nested path', '<R><X><Y><Z>deep</Z></Y></X><Z>shallow</Z></R>', ['X', 'Z'], 'deep'],
    ['a shallower match wins', '<R><X><Z>deep</Z></X><Z>shallow</Z></R>', ['Z'], 'shallow'],
    ['missing path', '<R><A>1</A></R>', ['B'], null],
    ['empty text is null', '<R><A>  </A></R>', ['A'], null],
  ])('%s', (_name, xml, path, expected) => {
    expect(textAt(parseXml(xml), ...path)).toBe(expected);
  });

  it('reads attributes (quoted either way, entities decoded)', () => {
    const root = parseXml(`<R><P token="main&amp;1" fixed='true'/></R>`);
    expect(find(root, 'P')?.attributes).toEqual({ token: 'main&1', fixed: 'true' });
  });

  it('findAll returns every match in document order', () => {
    const root = parseXml('<R><P n="1"/><G><P n="2"/></G><P n="3"/></R>');
    expect(findAll(root, 'P').map((p) => p.attributes.n)).toEqual(['1', '2', '3']);
  });

  it.each([
    ['a DOCTYPE (entity expansion, XXE)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['an unknown entity', '<r>&x;</r>'],
    ['a mismatched closing tag', '<r><a></b></r>'],
    ['an unclosed element', '<r><a>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'hello <a/>'],
    ['no element at all', ''],
    ['an unterminated comment', '<r><!-- x</r>'],
    ['an invalid character reference', '<r>&#0;</r>'],
    ['a malformed attribute', '<r a=1/>'],
    ['deep nesting', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
