// A call's quality of service: what each end's phone and network were, given
// when the call is placed (`qos` on POST /_openzoom/phone/calls) and kept with
// the call. Each end sends with its own network's figures, and receives what the
// other end sent; one sample per minute of talk. MOS comes from the figures by
// the simplified E-model (ITU-T G.107): R = 93.2 − delay impairment − 2.5 × loss.
// Pure functions only.

/** One end of a call: its device (as Zoom's call logs name them) and its network. */
export interface EndQos {
  codec?: string;
  device_type?: string;
  device_private_ip?: string;
  device_public_ip?: string;
  isp?: string;
  headset?: string;
  microphone?: string;
  /** Packet loss, % (average and worst minute). */
  avg_loss?: number;
  max_loss?: number;
  /** Milliseconds. */
  jitter?: number;
  network_delay?: number;
  /** kbps. */
  bitrate?: number;
}

export interface CallQos {
  caller?: EndQos;
  callee?: EndQos;
}

const text = { type: 'string', minLength: 1, maxLength: 128 };
const ip = { anyOf: [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }] };
const num = (max: number) => ({ type: 'number', minimum: 0, maximum: max });
const end = {
  type: 'object',
  additionalProperties: false,
  properties: {
    codec: text,
    device_type: text,
    device_private_ip: ip,
    device_public_ip: ip,
    isp: text,
    headset: text,
    microphone: text,
    avg_loss: num(100),
    max_loss: num(100),
    jitter: num(10_000),
    network_delay: num(10_000),
    bitrate: num(100_000),
  },
};
/** The control plane's `qos` body. */
export const CALL_QOS_BODY = { type: 'object', additionalProperties: false, properties: { caller: end, callee: end } };

const hasFigures = (e: EndQos | undefined): e is EndQos => e !== undefined && [e.avg_loss, e.jitter, e.network_delay, e.bitrate].some((v) => v !== undefined);

/** MOS (1–4.5) of audio that arrives with this loss, jitter and delay. */
export function mosOf(e: EndQos): number {
  const effective = (e.network_delay ?? 0) + 2 * (e.jitter ?? 0) + 10;
  let r = effective < 160 ? 93.2 - effective / 40 : 93.2 - (effective - 120) / 10;
  r -= 2.5 * (e.avg_loss ?? 0);
  if (r <= 0) return 1;
  return Math.min(4.5, Math.max(1, 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r)));
}

const fixed = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
export const mosText = (mos: number) => mos.toFixed(1);

/** One minute's figures as Zoom writes them: "1.29%", "16.31kbps", "5.15ms", MOS "3.6". */
function figures(e: EndQos) {
  return {
    avg_loss: `${fixed(e.avg_loss ?? 0)}%`,
    max_loss: `${fixed(Math.max(e.max_loss ?? 0, e.avg_loss ?? 0))}%`,
    bitrate: `${fixed(e.bitrate ?? 0)}kbps`,
    jitter: `${fixed(e.jitter ?? 0)}ms`,
    network_delay: `${fixed(e.network_delay ?? 0)}ms`,
    mos: mosText(mosOf(e)),
  };
}

/** Minute marks of the talk [from, to): the first at the answer. */
function minutes(from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = from; t < to; t += 60_000) out.push(new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
  return out;
}

/** One end's QoS answer: its addresses, what it sent (its own network) and what it received (the other end's). */
export function endQos(self: EndQos | undefined, other: EndQos | undefined, talk: { from: number; to: number } | undefined) {
  const marks = talk ? minutes(talk.from, talk.to) : [];
  const series = (e: EndQos | undefined) => (hasFigures(e) ? marks.map((date_time) => ({ date_time, qos: figures(e) })) : []);
  return {
    ...(self?.device_private_ip ? { device_private_ip: self.device_private_ip } : {}),
    ...(self?.device_public_ip ? { device_public_ip: self.device_public_ip } : {}),
    sending: series(self),
    receiving: series(other),
  };
}

/**
 * The call's MOS: the worse of the two directions that carried audio with figures
 * (what the caller heard, what the callee heard); undefined without talk or figures.
 */
export function callMos(qos: CallQos | undefined, talked: boolean): number | undefined {
  if (!talked || !qos) return undefined;
  const heard = [qos.caller, qos.callee].filter(hasFigures).map(mosOf);
  return heard.length ? Math.min(...heard) : undefined;
}

/** Device fields of an end, for the call log dashboards. */
export function deviceFields(e: EndQos | undefined) {
  const out: Record<string, string> = {};
  for (const k of ['codec', 'device_private_ip', 'device_public_ip', 'device_type', 'headset', 'isp', 'microphone'] as const) if (e?.[k] !== undefined) out[k] = e[k];
  return out;
}
