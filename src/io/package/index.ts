/**
 * Signed packages (docs/package-format.md): the 报送包 a unit sends its 主管部门 and the 回执 that comes
 * back, each a zip of a manifest, its ECDSA P-256 signature and the parts; and the unit's signing key,
 * which also signs its backups (`signDetached` / `verifyDetached`).
 *
 * io, not domain: this is a file format with WebCrypto behind it. What the parts hold, the trust
 * decision (first contact, known key) and supersession are the callers'.
 */
export {
  checkKnownKey,
  exportPublicKey,
  generateSigningKeyPair,
  importPublicKey,
  keyFingerprint,
  signDetached,
  verifyDetached,
} from './keys'
export {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_KIND_LABELS,
  PACKAGE_PARTS,
  type ManifestPart,
  type PackageKind,
  type PackageManifest,
} from './manifest'
export {
  DEFAULT_PACKAGE_LIMITS,
  packageSha256,
  readPackage,
  writePackage,
  type ReadPackageOptions,
  type VerifiedPackage,
  type WritePackageInput,
} from './package'
export type { ZipLimits } from './zip'
