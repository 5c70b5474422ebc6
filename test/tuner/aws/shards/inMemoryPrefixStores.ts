/**
 * The sharded cycle's stores over one in-memory bucket: every object under its full
 * `s3://bucket/key` URL, so a test sees exactly what the shards and the reconcile step wrote.
 */
import type { OpenPrefixStores } from '../../../../tuner/aws/shards/shardStores.ts';

/** The bucket, and the stores under any of its prefixes. */
export function inMemoryPrefixStores(): {
  readonly objects: Map<string, string>;
  readonly open: OpenPrefixStores;
} {
  const objects = new Map<string, string>();
  const open: OpenPrefixStores = (url) => ({
    sink: {
      write: async (name, body) => {
        objects.set(`${url}${name}`, body);
        return `${url}${name}`;
      },
    },
    source: {
      location: url,
      list: async (prefix) =>
        [...objects.keys()]
          .filter((key) => key.startsWith(`${url}${prefix}`))
          .map((key) => key.slice(url.length))
          .sort(),
      read: async (name) => objects.get(`${url}${name}`) ?? null,
    },
    memory: {
      location: `${url}state/memory.json`,
      load: async () => objects.get(`${url}state/memory.json`) ?? null,
      save: async (text) => {
        objects.set(`${url}state/memory.json`, text);
      },
    },
  });
  return { objects, open };
}
