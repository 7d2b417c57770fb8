/**
 * Validates JSON-LD against the official CPSV-AP 3.2.0 SHACL shapes, offline.
 *
 * The shapes file is the one in the shared standards folder beside the
 * repository (../shared/standards/cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl); the
 * CPSV_SHACL environment variable overrides the path. Shapes are parsed once
 * and cached.
 *
 * rdf-validate-shacl 0.6 runs with its built-in RDF/JS environment: rdf-ext 2.x
 * cannot be passed as `factory` because it has no clownface factory, which the
 * validator needs.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

export interface CpsvViolation {
  focusNode: string;
  path?: string;
  message: string;
  /** the property shape or node shape that was violated */
  shape?: string;
  value?: string;
}

export interface CpsvValidationResult {
  conforms: boolean;
  violations: CpsvViolation[];
}

const DEFAULT_SHAPES = new URL('../../../../shared/standards/cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl', import.meta.url);

export function shapesPath(): string {
  const override = process.env['CPSV_SHACL'];
  return override ? resolve(override) : fileURLToPath(DEFAULT_SHAPES);
}

let shapesCache: { path: string; store: Promise<Store> } | undefined;

/** The CPSV-AP shapes graph (parsed once per path). */
export function loadShapes(): Promise<Store> {
  const path = shapesPath();
  if (shapesCache?.path !== path) {
    const store = readFile(path, 'utf8').then((ttl) => new Store(new Parser({ format: 'text/turtle', baseIRI: DEFAULT_SHAPES.href }).parse(ttl)));
    store.catch(() => {
      if (shapesCache?.store === store) shapesCache = undefined; // retry on next call
    });
    shapesCache = { path, store };
  }
  return shapesCache.store;
}

/** A JSON-LD document loader that refuses every remote fetch: the export must be interpretable offline. */
export async function offlineDocumentLoader(url: string): Promise<never> {
  throw new Error(`JSON-LD processing tried to load a remote document (${url}); the CPSV-AP export must be self-contained`);
}

/** JSON-LD → RDF quads, without network access. */
export async function jsonLdToQuads(doc: object): Promise<Quad[]> {
  const nquads = await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader: offlineDocumentLoader });
  if (typeof nquads !== 'string') throw new Error('jsonld.toRDF did not return N-Quads');
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

type TermLike = { termType: string; value: string };
const show = (term: TermLike | null | undefined): string | undefined => (term ? (term.termType === 'BlankNode' ? `_:${term.value}` : term.value) : undefined);

/** Validates a JSON-LD document against the CPSV-AP 3.2.0 shapes. */
export async function validateCpsv(doc: object): Promise<CpsvValidationResult> {
  const [shapes, quads] = await Promise.all([loadShapes(), jsonLdToQuads(doc)]);
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(new Store(quads));
  const violations = report.results.map((r): CpsvViolation => {
    const v: CpsvViolation = {
      focusNode: show(r.focusNode) ?? '(none)',
      message: r.message.map((m) => m.value).join('; ') || (show(r.sourceConstraintComponent) ?? 'constraint violated'),
    };
    const path = show(r.path);
    if (path) v.path = path;
    const shape = show(r.sourceShape);
    if (shape) v.shape = shape;
    const value = show(r.value);
    if (value) v.value = value;
    return v;
  });
  return { conforms: report.conforms, violations };
}

/** One line per violation, for test failure messages and logs. */
export function formatViolations(violations: CpsvViolation[]): string {
  return violations.map((v) => `- ${v.focusNode} ${v.path ?? ''}: ${v.message}${v.value ? ` (value: ${v.value})` : ''}`).join('\n');
}
