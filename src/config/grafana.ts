// `grafana: {url, datasource}` on a Prometheus or Loki source: where its
// queries open in Grafana Explore. One schema, taken by both kinds' options.
import * as z from 'zod';

/** An http(s) URL with no user or password in it: a link is shown, copied and opened, so it must hold no credential. */
function linkable(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

export const grafanaOption = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .refine(linkable, { message: 'must be an http or https URL without a user or password (it is put in links)' })
      .describe('the Grafana the links open, like https://grafana.example.com'),
    datasource: z.string().min(1).describe("the UID of this source's data source in that Grafana"),
  })
  .optional()
  .describe("Grafana Explore links for this source's queries (else Prometheus's graph page)");
