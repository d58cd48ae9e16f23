// Finds unknown fields for validators that do not reject them.
//
// The Kubernetes OpenAPI schemas (and kubernetes-models' validators compiled
// from them) leave additionalProperties open, but the API server rejects
// unknown fields (kubectl's default --validate=strict; "strict decoding
// error: unknown field"). The compiled validators read every property their
// schema declares (`data.minReadySeconds !== undefined`, ...) and enumerate
// the keys of schema maps (labels, annotations). So: validate a proxy that
// records reads; an object key the validator never asked about is unknown to
// the schema. Objects whose keys were enumerated are maps, and objects nobody
// read at all are free-form (RawExtension, x-kubernetes-preserve-unknown-fields):
// neither reports anything.
import { isPlainObject, pointer } from "./cli.mjs";

export function trackAccess(root) {
  const records = [];
  const wrap = (value, segments) => {
    if (value === null || typeof value !== "object") return value;
    const rec = { value, segments, read: new Set(), enumerated: false, children: new Map() };
    if (isPlainObject(value)) records.push(rec);
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key !== "string") return Reflect.get(target, key, receiver);
        rec.read.add(key);
        if (!Object.prototype.hasOwnProperty.call(target, key)) return Reflect.get(target, key, receiver);
        if (!rec.children.has(key)) rec.children.set(key, wrap(target[key], [...segments, key]));
        return rec.children.get(key);
      },
      has(target, key) {
        if (typeof key === "string") rec.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        rec.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  const proxy = wrap(root, []);
  // Unknown fields as [{ pointer, key }], after the validator has run.
  const unknown = () => {
    const out = [];
    for (const rec of records) {
      if (rec.enumerated || rec.read.size === 0) continue;
      for (const key of Object.keys(rec.value)) if (!rec.read.has(key)) out.push({ pointer: pointer([...rec.segments, key]), key });
    }
    return out;
  };
  return { proxy, unknown };
}
