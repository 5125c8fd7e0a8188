"""Credentials in any text file a deployment ships: well-known token formats,
private keys, database URLs with passwords, and high-entropy strings assigned
to secret-sounding names. Placeholders and documentation examples stay quiet,
and a secret is never reported whole: findings carry it masked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from prescan._native import lineindex


@dataclass(frozen=True)
class Detector:
    id: str
    pattern: re.Pattern          # group "secret" (or the whole match) is the credential
    severity: str
    confidence: str
    what: str
    hints: tuple[bytes, ...] = ()   # the regex runs only on files holding one of these (lower case)


def _d(id_: str, rx: str, severity: str, confidence: str, what: str, *hints: str) -> Detector:
    return Detector(id_, re.compile(rx.encode()), severity, confidence, what, tuple(h.encode() for h in hints))


DETECTORS = (
    _d("secret-aws-access-key-id", r"\b(?P<secret>(?:AKIA|ASIA)[0-9A-Z]{16})\b", "high", "high",
       "an AWS access key id", "akia", "asia"),
    _d("secret-aws-secret-access-key",
       r"(?i)aws.{0,24}?(?:secret|private).{0,16}?[\"'\s:=]{1,4}(?P<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
       "critical", "medium", "an AWS secret access key", "aws"),
    _d("secret-github-token", r"\b(?P<secret>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b",
       "critical", "high", "a GitHub token", "gh", "github_pat_"),
    _d("secret-gitlab-token", r"\b(?P<secret>(?:glpat|gldt|glrt|glptt)-[A-Za-z0-9_\-]{20,})", "critical", "high",
       "a GitLab token", "glpat-", "gldt-", "glrt-", "glptt-"),
    _d("secret-slack-token", r"\b(?P<secret>xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})", "high", "high",
       "a Slack token", "xox", "xapp-"),
    _d("secret-discord-webhook",
       r"(?P<secret>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,68})",
       "medium", "high", "a Discord webhook URL", "discord"),
    _d("secret-telegram-bot-token", r"\b(?P<secret>\d{8,10}:AA[A-Za-z0-9_\-]{33})(?![A-Za-z0-9_\-])", "high", "high",
       "a Telegram bot token", ":aa"),
    _d("secret-azure-storage-key", r"AccountKey=(?P<secret>[A-Za-z0-9+/]{86}==)", "critical", "high",
       "an Azure storage account key", "accountkey="),
    _d("secret-slack-webhook",
       r"(?P<secret>https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,})",
       "medium", "high", "a Slack incoming-webhook URL", "hooks.slack.com"),
    _d("secret-stripe-live-key", r"\b(?P<secret>(?:sk|rk)_live_[A-Za-z0-9]{20,})", "critical", "high",
       "a Stripe live secret key", "_live_"),
    _d("secret-google-api-key", r"\b(?P<secret>AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])", "high", "high",
       "a Google API key", "aiza"),
    _d("secret-npm-token", r"\b(?P<secret>npm_[A-Za-z0-9]{36})\b", "critical", "high", "an npm access token", "npm_"),
    # `//registry.npmjs.org/:_authToken=...`, or `_auth=...` on a line of its own
    _d("secret-npmrc-auth-token", r"(?m)(?:^|:)_auth(?:Token)?[ \t]*=[ \t]*[\"']?(?P<secret>[A-Za-z0-9+/=_\-.]{20,})",
       "critical", "medium",
       "a package-registry token in an .npmrc", "_auth"),
    _d("secret-rubygems-key", r"\b(?P<secret>rubygems_[0-9a-f]{48})\b", "critical", "high", "a RubyGems API key",
       "rubygems_"),
    _d("secret-dockerhub-token", r"\b(?P<secret>dckr_pat_[A-Za-z0-9_\-]{27,})", "critical", "high",
       "a Docker Hub access token", "dckr_pat_"),
    _d("secret-docker-config-auth", r"\"auth\"\s*:\s*\"(?P<secret>[A-Za-z0-9+/]{12,}={0,2})\"", "high", "medium",
       "registry credentials in a Docker config (base64 of user:password)", '"auths"'),
    _d("secret-pypi-token", r"\b(?P<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})", "critical", "high",
       "a PyPI upload token", "pypi-"),
    _d("secret-sendgrid-key", r"\b(?P<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})", "high", "high",
       "a SendGrid API key", "sg."),
    _d("secret-mailgun-key", r"\b(?P<secret>key-[0-9a-zA-Z]{32})\b", "high", "medium", "a Mailgun API key", "key-"),
    _d("secret-twilio-key", r"\b(?P<secret>SK[0-9a-f]{32})\b", "high", "medium", "a Twilio API key", "sk"),
    # the header, followed by key material (after PEM headers; newlines may be escaped, as in a
    # service-account JSON): a constant that only names the header is no key
    _d("secret-private-key", r"(?P<secret>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"
                             r"(?: BLOCK)?-----)(?:\s|\\[rn])+(?:[A-Za-z\-]+:[^\n]*(?:\s|\\[rn])+)*"
                             r"[A-Za-z0-9+/=]{16,}", "critical", "high", "a private key", "private key"),
    _d("secret-database-url-password",
       r"\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql)://[^:\s/@\"']+:"
       r"(?P<secret>[^@\s/\"']{4,})@[^\s\"']+", "high", "medium", "a database URL with a password", "://"),
    _d("secret-jwt", r"\b(?P<secret>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})",
       "medium", "medium", "a JSON Web Token", "eyj"),
)

# a string literal assigned to a name that says it is a secret
# A secret's name holds one of these words; the name and value around each
# occurrence are matched from the word outwards, with bounded runs, so a long
# line (a minified bundle) costs time in proportion to its length, not its square.
_KEYWORD = re.compile(rb"secret|token|api[_\-]?key|apikey|passw(?:or)?d|pwd|private[_\-]?key|access[_\-]?key|"
                      rb"auth[_\-]?key|signing[_\-]?key")
_NAME_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
MAX_NAME = 64
# after the word: the rest of the name, then `= "value"` (or `: 'value'`, `=> "value"`, `= f("value")`)
GENERIC = re.compile(
    rb"(?P<rest>[\w\-]{0,64})[\"']?\s{0,32}(?::=|=>|=|:)\s{0,32}"
    rb"(?:[\w.]{1,64}\()?[\"'](?P<secret>[^\"'\s]{16,200})[\"']")
# the same without quotes, as .env, .properties, .ini and YAML write it: the value is the
# rest of the line, holds a digit, and has only the characters of keys and tokens (so that
# code such as `token = settings.API_TOKEN_VALUE` is not taken for a value)
GENERIC_BARE = re.compile(
    rb"(?m)(?P<rest>[\w\-]{0,64})[ \t]{0,32}(?:=|:)[ \t]{0,32}"
    rb"(?P<secret>(?=[^\s]{0,199}\d)[A-Za-z0-9+/=_\-.]{16,200})[ \t]*(?:\#.*)?$")

# values that say they are not real: examples, templates, references to the environment
PLACEHOLDER = re.compile(
    rb"(?i)example|changeme|change_me|replace|your[_\-]|xxxx|\*\*\*\*|<[^>]*>|\$\{|\{\{|%\(|dummy|fake|sample|"
    rb"placeholder|redacted|insert|todo|secret_here|not[_\-]?a[_\-]?real|0000000000|1234567890|abcdef123|abc123|"
    rb"^(.)\1+$|"
    # a reference to the environment ($DB_PASSWORD, %DB_PASSWORD%), and the stock passwords of
    # local development databases and tutorials (postgres://postgres:postgres@localhost)
    rb"^\$[A-Za-z_]|^%[A-Za-z_]+%$|foo:?bar|^foo$|"
    rb"^(?:password|passwd|pass|secret|postgres|root|admin|guest|test|user|mysql|redis|changeit)$")
# documented example credentials that real code copies from tutorials: AWS's example key pair,
# the jwt.io sample token, the Azure storage emulator's well-known account key
KNOWN_EXAMPLES = {
    b"AKIAIOSFODNN7EXAMPLE", b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIy"
    b"fQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    b"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    # MinIO's public demo server credentials, in its documentation and samples
    b"Q3AM3UQ867SPQQA43P2F", b"zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG",
    # the OAuth RFCs' example tokens (RFC 6749, RFC 5849)
    b"2YotnFZFEjr1zCsicMWpAA", b"tGzv3JOkF0XG5Qx2TlKWIA", b"ad180jjd733klru7", b"hh5s93j4hdidpola",
}
GENERIC_MIN_ENTROPY = 3.5
# a key or token is mostly letters and digits; `pass!@#$%^&*()_+` is a test value
GENERIC_MIN_ALNUM = 10
# names about a secret rather than of it: SECRET_KEY_FILE, token_url, --secret-version
_METADATA_NAME = re.compile(rb"(?i:[_\-.](?:version|path|file|url|uri|name|id|arn|ref|dir|len|length|type|"
                            rb"header|endpoint|host|prefix|format|ttl|expiry|expires))$|"
                            rb"[a-z0-9](?:Version|Path|File|Url|URL|Uri|Name|Id|ID|Arn|Ref|Dir|Len|Length|Type|"
                            rb"Header|Endpoint|Host|Prefix|Format|Ttl|TTL|Expiry|Expires)$")
# words joined by dashes or underscores, at most one holding a digit: a header or setting
# name (`X-aws-ec2-metadata-token`), not a key
_WORDS = re.compile(rb"[A-Za-z]{1,12}(?:[\-_.][A-Za-z]{1,12})*(?:[\-_.][A-Za-z]*\d[A-Za-z\d]{0,6})?"
                    rb"(?:[\-_.][A-Za-z]{1,12})*")


_DIGIT = re.compile(rb"\d")


def _alnum(value: bytes) -> int:
    return sum(1 for b in value if 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122)


@dataclass(frozen=True)
class SecretHit:
    detector: Detector
    start: int                  # the credential itself, in bytes
    end: int
    masked: str


# where an unquoted value is a value; in program code it is an expression
BARE_VALUE_LANGUAGES = frozenset({"", "yaml", "dockerfile", "hcl", "generic"})


@dataclass(frozen=True)
class _Named:
    name: bytes
    span: tuple[int, int]


def _generic_matches(data: bytes, lower: bytes, bare: bool):
    """A value assigned to a name holding a secret's word (GENERIC, and
    GENERIC_BARE where an unquoted value is a value), from each such word."""
    for w in _KEYWORD.finditer(lower):
        start = w.start()
        while start > 0 and w.start() - start < MAX_NAME and data[start - 1] in _NAME_CHARS:
            start -= 1
        for rx in (GENERIC, GENERIC_BARE) if bare else (GENERIC,):
            m = rx.match(data, w.end())
            if m is not None:
                yield _Named(data[start:m.end("rest")], m.span("secret"))


def mask(secret: bytes) -> str:
    text = secret.decode("utf-8", "replace")
    keep = 4 if len(text) >= 16 else 2
    return text[:keep] + "*" * max(4, min(12, len(text) - keep))


def find_secrets(data: bytes, language: str = "") -> list[SecretHit]:
    """Credentials in a file's bytes; `language` (empty for a file without
    one) decides whether an unquoted value after a secret's name counts."""
    hits: list[SecretHit] = []
    taken: list[tuple[int, int]] = []
    lower = data.lower()
    for det in DETECTORS:
        if det.hints and not any(h in lower for h in det.hints):
            continue
        for m in det.pattern.finditer(data):
            s, e = m.span("secret")
            value = data[s:e]
            if value in KNOWN_EXAMPLES or (det.id != "secret-private-key" and PLACEHOLDER.search(value)):
                continue
            if det.id == "secret-database-url-password" and _alnum(unquote_to_bytes(value)) < 6:
                continue            # `user:pass!@#$%^&*()` in a driver's tests
            hits.append(SecretHit(det, s, e, mask(value)))
            taken.append((s, e))
    for m in _generic_matches(data, lower, language in BARE_VALUE_LANGUAGES):
        s, e = m.span
        value = data[s:e]
        if any(a < e and s < b for a, b in taken) or PLACEHOLDER.search(value) or value in KNOWN_EXAMPLES:
            continue
        taken.append((s, e))            # a name with two of the words (client_secret_token) is one hit
        if lineindex.shannon_entropy(value) < GENERIC_MIN_ENTROPY or _alnum(value) < GENERIC_MIN_ALNUM:
            continue
        if not _DIGIT.search(value) or _WORDS.fullmatch(value):
            continue            # a word or a type name ("challengePassword"); random keys hold digits
        if _METADATA_NAME.search(m.name):
            continue
        name = m.name.decode("utf-8", "replace")
        det = Detector("secret-generic-high-entropy", GENERIC, "medium", "low",
                       f"a high-entropy string assigned to {name}")
        hits.append(SecretHit(det, s, e, mask(value)))
    hits.sort(key=lambda h: h.start)
    return hits


def redact(text: str) -> str:
    """text with every credential the detectors find in it masked: for
    snippets and messages of any finding, which may quote a secret."""
    return substitute(text, lambda _data, h: (h.end, h.masked), errors="replace")


def substitute(text: str, replacement, language: str = "", errors: str = "surrogatepass") -> str:
    """text with each credential found in it replaced: replacement(bytes of
    the text, the SecretHit) gives (where the replaced part ends, its text)."""
    data = text.encode("utf-8", errors)
    hits = find_secrets(data, language)
    if not hits:
        return text
    out, last = [], 0
    for h in hits:
        if h.start < last:
            continue
        end, new = replacement(data, h)
        out += [data[last:h.start].decode("utf-8", "replace"), new]
        last = end
    out.append(data[last:].decode("utf-8", "replace"))
    return "".join(out)
