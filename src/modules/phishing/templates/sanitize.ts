import sanitizeHtml from 'sanitize-html';

/** The hidden field a credential page's form posts so the tracking server sees that something was submitted. */
export const submitMarkerName = 'enamel_submitted';

// Email layout needs tables, inline styles and images; nothing here can run code (no script, no event
// handler attributes since none are allowed, no forms, no frames, no style elements, no SVG).
const emailTags = [
  ...sanitizeHtml.defaults.allowedTags,
  'html',
  'head',
  'body',
  'title',
  'meta',
  'img',
  'center',
  'font',
  'span',
  'div',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'col',
  'colgroup',
];

const layoutAttributes = [
  'style',
  'class',
  'id',
  'align',
  'valign',
  'width',
  'height',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
  'role',
  'dir',
  'lang',
  'title',
  'color',
  'face',
  'size',
];

const emailAttributes: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': layoutAttributes,
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan', 'nowrap'],
  th: ['colspan', 'rowspan', 'scope', 'nowrap'],
  meta: ['charset', 'name', 'content'],
};

/** CSS that can run code or fetch in old mail clients; the whole style attribute goes. */
const dangerousStyle = /expression\s*\(|javascript\s*:|vbscript\s*:|behavior\s*:|-moz-binding/i;

function keepSafeStyle(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const style = attribs.style;
  if (style !== undefined && dangerousStyle.test(style)) {
    const { style: _dropped, ...rest } = attribs;
    return { tagName, attribs: rest };
  }
  return { tagName, attribs };
}

const baseOptions: sanitizeHtml.IOptions = {
  allowedTags: emailTags,
  allowedAttributes: emailAttributes,
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data', 'cid'] },
  allowProtocolRelative: false,
  // `<title>` text stays; script and style bodies are dropped with their elements.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: { '*': keepSafeStyle },
};

/** An email template's HTML as Enamel stores it: layout kept, anything that could run code removed. */
export function sanitizeTemplateHtml(html: string): string {
  return sanitizeHtml(html, baseOptions);
}

/** A teachable page: the same rules as an email, no forms. */
export function sanitizeTeachablePage(html: string): string {
  return sanitizeHtml(html, baseOptions);
}

const formFieldTags = ['input', 'select', 'textarea', 'button'];

/** Drops every field's name and value so the browser posts nothing the person typed. */
function stripField(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { name, value, ...rest } = keepSafeStyle(tagName, attribs).attribs;
  // An earlier save's marker is dropped here and added again once per form below.
  if (tagName === 'input' && name === submitMarkerName) return { tagName, attribs: { name } };
  const type = (rest.type ?? '').toLowerCase();
  const keepsLabel = tagName === 'input' && (type === 'submit' || type === 'button');
  return { tagName, attribs: keepsLabel && value !== undefined ? { ...rest, value } : rest };
}

/**
 * A credential-harvest page: the form's fields keep their look but lose every `name` (so a browser sends no
 * value), the form posts to `{{submit_url}}`, and one hidden marker says only that something was submitted.
 */
export function sanitizeCredentialPage(html: string): string {
  const clean = sanitizeHtml(html, {
    ...baseOptions,
    allowedTags: [...emailTags, 'form', 'label', 'fieldset', 'legend', ...formFieldTags, 'option'],
    allowedAttributes: {
      ...emailAttributes,
      form: ['action', 'method'],
      label: ['for'],
      input: ['type', 'placeholder', 'autocomplete', 'required', 'size', 'maxlength', 'value', 'name'],
      button: ['type', 'value', 'name'],
      select: ['name'],
      textarea: ['placeholder', 'rows', 'cols', 'name'],
      option: [],
    },
    nonTextTags: ['script', 'style', 'noscript', 'iframe', 'object', 'embed'],
    exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.name === submitMarkerName,
    transformTags: {
      '*': keepSafeStyle,
      form: (_tagName, attribs) => ({
        tagName: 'form',
        attribs: { ...keepSafeStyle('form', attribs).attribs, action: '{{submit_url}}', method: 'post' },
      }),
      input: stripField,
      select: stripField,
      textarea: stripField,
      button: stripField,
    },
  });
  return clean.replace(
    /<form([^>]*)>/g,
    `<form$1><input type="hidden" name="${submitMarkerName}" value="1" />`,
  );
}
