/**
 * Container image references, parsed the way Docker / containerd read them
 * (distribution/reference grammar), and their registry classified. Pure.
 *
 *   [host[:port]/]path[:tag][@algorithm:hex]
 *
 * The first path component is a host when it contains "." or ":", is "localhost", or has an
 * upper-case letter (Docker's rule); otherwise the image is on Docker Hub, where a one-component
 * name is an official image: nginx → docker.io/library/nginx.
 */

export type RegistryKind =
  | 'ecr'
  | 'ecr-public'
  | 'docker-hub'
  | 'ghcr'
  | 'quay'
  | 'k8s'
  | 'gitlab'
  | 'azure'
  | 'chainguard'
  /** localhost, a private IP or a private DNS suffix: reached through the VPC's own routes. */
  | 'private'
  | 'other';

export interface EcrHost {
  accountId: string;
  region: string;
  /** dkr.ecr-fips.<region>…: a different host name than the ecr.dkr endpoint's private DNS covers. */
  fips: boolean;
  /** <acct>.dkr-ecr.<region>.on.aws: the dual-stack name. */
  dualStack: boolean;
  /** amazonaws.com, amazonaws.com.cn, on.aws… */
  domain: string;
}

export interface ImageRef {
  /** As given, trimmed. */
  raw: string;
  /** Lower-case registry host with any port; docker.io when the reference names none. */
  host: string;
  /** Repository path on the registry (Docker Hub official images as library/<name>). */
  repository: string;
  /** The tag; "latest" when neither tag nor digest is given. Absent with a digest and no tag. */
  tag?: string;
  digest?: string;
  kind: RegistryKind;
  ecr?: EcrHost;
}

export type ParsedImage = { ok: true; ref: ImageRef } | { ok: false; raw: string; error: string };

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const MAX_NAME = 255;

const ECR_HOST = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z]{2,}(?:-[a-z]+)+-\d+)\.(amazonaws\.com(?:\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
const ECR_DUALSTACK_HOST = /^(\d{12})\.dkr-ecr(-fips)?\.([a-z]{2,}(?:-[a-z]+)+-\d+)\.(on\.aws|on\.amazonwebservices\.com\.cn)$/;

/** Host names that all mean Docker Hub. */
export const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

const KNOWN_HOSTS: Record<string, RegistryKind> = {
  'public.ecr.aws': 'ecr-public',
  'ghcr.io': 'ghcr',
  'quay.io': 'quay',
  'registry.k8s.io': 'k8s',
  'registry.gitlab.com': 'gitlab',
  'cgr.dev': 'chainguard',
};

export function parseImageRef(input: string): ParsedImage {
  const raw = input.trim();
  const fail = (error: string): ParsedImage => ({ ok: false, raw, error });
  if (!raw) return fail('empty image reference');
  if (raw.length > 1024) return fail('longer than any valid image reference');
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return fail('contains whitespace or control characters');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return fail('a URL scheme (https://) is not part of an image reference');

  const at = raw.indexOf('@');
  const namePart = at >= 0 ? raw.slice(0, at) : raw;
  const digest = at >= 0 ? raw.slice(at + 1) : undefined;
  if (digest !== undefined && !validDigest(digest)) return fail(`invalid digest "${digest}" (expected e.g. sha256: and 64 hex digits)`);

  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  const name = hasTag ? namePart.slice(0, colon) : namePart;
  const tag = hasTag ? namePart.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return fail(`invalid tag "${tag}" (letters, digits, _ . - and at most 128 characters)`);
  if (!name) return fail('no repository name');
  if (name.length > MAX_NAME) return fail(`repository name longer than ${MAX_NAME} characters`);

  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const host = isHost ? first.toLowerCase() : 'docker.io';
  if (isHost && !validHost(first)) return fail(`invalid registry host "${first}"`);
  const path = isHost ? name.slice(slash + 1) : name;
  const components = path.split('/');
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    const why = bad !== bad.toLowerCase() ? 'repository names must be lower case' : 'lower-case letters, digits and separators (. _ __ -) only';
    return fail(`invalid repository path component "${bad}": ${why}`);
  }

  const kind = registryKind(host);
  const dockerHub = kind === 'docker-hub';
  const repository = dockerHub && components.length === 1 ? `library/${path}` : path;
  const ref: ImageRef = {
    raw,
    host: dockerHub ? 'docker.io' : host,
    repository,
    ...(tag !== undefined ? { tag } : digest === undefined ? { tag: 'latest' } : {}),
    ...(digest !== undefined ? { digest } : {}),
    kind,
  };
  const ecr = ecrHost(host);
  if (ecr) ref.ecr = ecr;
  return { ok: true, ref };
}

function validDigest(d: string): boolean {
  if (!DIGEST.test(d)) return false;
  const [algorithm, hex] = d.split(':');
  if (algorithm === 'sha256') return /^[a-f0-9]{64}$/.test(hex);
  if (algorithm === 'sha512') return /^[a-f0-9]{128}$/.test(hex);
  return true;
}

function validHost(hostPort: string): boolean {
  if (hostPort.startsWith('[')) return /^\[[0-9a-fA-F:.]+\](?::\d{1,5})?$/.test(hostPort);
  const [host, port, ...rest] = hostPort.split(':');
  if (rest.length > 0) return false;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) <= 65535)) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

/** The host without a port (and without IPv6 brackets' port). */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0];
}

export function ecrHost(host: string): EcrHost | undefined {
  const name = hostName(host);
  const m = ECR_HOST.exec(name) ?? ECR_DUALSTACK_HOST.exec(name);
  if (!m) return undefined;
  return { accountId: m[1], region: m[3], fips: m[2] === '-fips', dualStack: name.includes('.dkr-ecr'), domain: m[4] };
}

export function registryKind(host: string): RegistryKind {
  const name = hostName(host);
  if (DOCKER_HUB_HOSTS.includes(name)) return 'docker-hub';
  if (ecrHost(name)) return 'ecr';
  const known = KNOWN_HOSTS[name];
  if (known) return known;
  if (name.endsWith('.azurecr.io')) return 'azure';
  if (isPrivateHost(name)) return 'private';
  return 'other';
}

const PRIVATE_SUFFIXES = ['.local', '.internal', '.lan', '.corp', '.home.arpa', '.localdomain'];

/** localhost, a loopback or private IP, a one-label name, or a private-use DNS suffix. */
function isPrivateHost(name: string): boolean {
  if (name === 'localhost' || name.startsWith('[')) return true;
  const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if (ip) {
    const [a, b] = [Number(ip[1]), Number(ip[2])];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return !name.includes('.') || PRIVATE_SUFFIXES.some((s) => name.endsWith(s));
}

/** The reference written back: host/repository[:tag][@digest]. */
export function formatImage(host: string, repository: string, tag: string | undefined, digest: string | undefined): string {
  return `${host}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
