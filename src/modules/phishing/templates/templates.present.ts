import { fromRow, listBuiltinTemplates, type ResolvedTemplate } from './index.ts';
import { builtinTeachablePage } from './library.ts';
import { landingPageVariables, templateVariables } from './render.ts';
import type {
  LandingPageKind,
  LandingPageView,
  TemplateCategory,
  TemplateSummary,
  TemplateView,
} from './templates.schema.ts';
import type { LandingPageRow, TemplateRow } from './templates.store.ts';

const templateVariableList = Object.entries(templateVariables).map(([name, description]) => ({
  name,
  description,
}));
const landingVariableList = Object.entries(landingPageVariables).map(([name, description]) => ({
  name,
  description,
}));

type Source = TemplateSummary['source'];

function summaryOf(template: ResolvedTemplate, source: Source, updatedAt: string | null): TemplateSummary {
  return {
    id: template.id,
    builtin: source === 'builtin',
    source,
    name: template.name,
    category: template.category as TemplateCategory,
    difficulty: template.difficulty,
    senderName: template.senderName,
    senderAddress: template.senderAddress,
    subject: template.subject,
    redFlagCount: template.redFlags.length,
    updatedAt,
  };
}

function viewOf(template: ResolvedTemplate, source: Source, row: TemplateRow | null): TemplateView {
  return {
    ...summaryOf(template, source, row?.updatedAt ?? null),
    html: template.html,
    text: template.text,
    redFlags: template.redFlags,
    variables: templateVariableList,
    createdAt: row?.createdAt ?? null,
  };
}

export function presentTemplateSummary(row: TemplateRow): TemplateSummary {
  return summaryOf(fromRow(row), row.source as Source, row.updatedAt);
}

export function presentTemplate(row: TemplateRow): TemplateView {
  return viewOf(fromRow(row), row.source as Source, row);
}

export function presentBuiltinTemplate(template: ResolvedTemplate): TemplateView {
  return viewOf(template, 'builtin', null);
}

export function builtinSummaries(): TemplateSummary[] {
  return listBuiltinTemplates().map((template) => summaryOf(template, 'builtin', null));
}

export function presentLandingPage(row: LandingPageRow): LandingPageView {
  return {
    id: row.id,
    builtin: false,
    source: row.source === 'gophish' ? 'gophish' : 'custom',
    name: row.name,
    kind: row.kind as LandingPageKind,
    html: row.html,
    redirectUrl: row.redirectUrl,
    variables: landingVariableList,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function presentBuiltinLandingPage(): LandingPageView {
  return {
    id: builtinTeachablePage.id,
    builtin: true,
    source: 'builtin',
    name: builtinTeachablePage.name,
    kind: 'teachable',
    html: builtinTeachablePage.html,
    redirectUrl: null,
    variables: landingVariableList,
    createdAt: null,
    updatedAt: null,
  };
}
