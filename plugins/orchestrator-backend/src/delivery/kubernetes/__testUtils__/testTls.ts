/**
 * A self-signed certificate for 127.0.0.1 (EC P-256, valid for 100 years), so the
 * test API server can speak HTTPS and tests can check how the target trusts it.
 * Made with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
 *   -days 36500 -subj /CN=paved-fake-apiserver -addext subjectAltName=IP:127.0.0.1
 * Test-only: the key protects nothing.
 */
export const TEST_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBpzCCAUygAwIBAgIUJCOACQL3P8FC/3T3YVGYf8Md8qwwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUcGF2ZWQtZmFrZS1hcGlzZXJ2ZXIwIBcNMjYxMTI3MjAxOTIy
WhgPMjEyNjExMDMyMDE5MjJaMB8xHTAbBgNVBAMMFHBhdmVkLWZha2UtYXBpc2Vy
dmVyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERNNeVNQdZNSRBhjtr3HwmZTG
n0yKKBcLPIAvyhZGYrCSBE/gcGrY/uy/dus6NswV2iJ8tQyPx8Ga+wgLo01F06Nk
MGIwHQYDVR0OBBYEFOZfAtvDRBGaFX6YVHDOK5S2UHVIMB8GA1UdIwQYMBaAFOZf
AtvDRBGaFX6YVHDOK5S2UHVIMA8GA1UdEwEB/wQFMAMBAf8wDwYDVR0RBAgwBocE
fwAAATAKBggqhkjOPQQDAgNJADBGAiEAhhKiBJ4dcIP+5GdIHbcy6YpFMaWN8gq/
XrMGVpJCvW8CIQCK8x3LiOFjBFWbvu/tyr6Rpi5drjOSaEuubnhIQwJrvw==
-----END CERTIFICATE-----
`;

export const TEST_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSVRiXgoLMjc1mi+s
iWqxrk6abehVmr17njTJIKpdy9ChRANCAARE015U1B1k1JEGGO2vcfCZlMafTIoo
Fws8gC/KFkZisJIET+Bwatj+7L926zo2zBXaIny1DI/HwZr7CAujTUXT
-----END PRIVATE KEY-----
`;
