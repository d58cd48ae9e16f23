// Ajv instances configured for the dialects the validators meet.
import Ajv from "ajv";
import Ajv2019 from "ajv/dist/2019.js";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { UsageError } from "./cli.mjs";

const quiet = { log() {}, warn() {}, error: console.error };

// Kubernetes structural-schema extensions. Ajv must know them as keywords
// (they carry no validation Ajv can do; the API server's own meaning is
// emulated in crd.mjs where it matters, e.g. preserve-unknown-fields).
const K8S_KEYWORDS = [
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-int-or-string",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-validations",
  "x-kubernetes-group-version-kind",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-unions",
];

// Formats the API server checks for CRDs beyond ajv-formats' set; they are
// accepted rather than ignored with a warning.
const EXTRA_FORMATS = ["int-or-string", "quantity", "cidr", "mac", "isbn", "bsonobjectid", "hexcolor", "rgbcolor", "ssn", "creditcard", "isbn10", "isbn13", "datetime", "k8s-short-name", "k8s-long-name"];

// CRD patterns are Go (RE2) regular expressions. The one RE2 form JavaScript
// lacks that CRDs in shared/ use is the inline flag group `(?i)`
// (PrometheusRule's rule `partial_response_strategy`): taken out and applied
// as the `i` flag, to the whole pattern.
function goRegExp(pattern, flags) {
  const caseless = pattern.includes("(?i)");
  return new RegExp(pattern.replaceAll("(?i)", ""), caseless && !flags.includes("i") ? flags + "i" : flags);
}
goRegExp.code = "goRegExp";

// For CRD openAPIV3Schema (OpenAPI 3.0 subset, `nullable` included).
export function crdAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: quiet, validateFormats: true, code: { regExp: goRegExp } });
  addFormats(ajv);
  for (const k of K8S_KEYWORDS) ajv.addKeyword({ keyword: k, schemaType: ["boolean", "string", "array", "object"] });
  for (const f of EXTRA_FORMATS) if (!ajv.formats[f]) ajv.addFormat(f, true);
  return ajv;
}

// For a standalone JSON Schema document, picking the dialect from $schema:
// 2020-12, 2019-09, draft-07 or draft-04 (the SARIF 2.1.0 schema's dialect).
// No $schema means draft-07, Helm's dialect.
export function schemaAjv(schema, where) {
  const id = typeof schema.$schema === "string" ? schema.$schema : "";
  let ajv;
  if (!id || /json-schema\.org\/draft-07\/schema#?$/.test(id)) ajv = new Ajv({ strict: false, allErrors: true, logger: quiet });
  else if (/json-schema\.org\/draft\/2020-12\/schema#?$/.test(id)) ajv = new Ajv2020({ strict: false, allErrors: true, logger: quiet });
  else if (/json-schema\.org\/draft\/2019-09\/schema#?$/.test(id)) ajv = new Ajv2019({ strict: false, allErrors: true, logger: quiet });
  else if (/json-schema\.org\/draft-04\/schema#?$/.test(id)) ajv = new AjvDraft04({ strict: false, allErrors: true, logger: quiet });
  else throw new UsageError(`${where}: unsupported $schema ${JSON.stringify(id)} (draft-04, draft-07, 2019-09 and 2020-12 are supported)`);
  addFormats(ajv);
  return ajv;
}
