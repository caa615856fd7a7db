package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NullValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code crypto.x509.*} builtins. Certificates are printed with the field names and value
 * shapes of Go's JSON encoding of {@code x509.Certificate}, for the fields the JDK exposes.
 */
final class CryptoX509 {
  private static final Map<String, Integer> SIGNATURE_ALGORITHMS =
      Map.ofEntries(
          Map.entry("1.2.840.113549.1.1.2", 1),
          Map.entry("1.2.840.113549.1.1.4", 2),
          Map.entry("1.2.840.113549.1.1.5", 3),
          Map.entry("1.2.840.113549.1.1.11", 4),
          Map.entry("1.2.840.113549.1.1.12", 5),
          Map.entry("1.2.840.113549.1.1.13", 6),
          Map.entry("1.2.840.10040.4.3", 7),
          Map.entry("2.16.840.1.101.3.4.3.2", 8),
          Map.entry("1.2.840.10045.4.1", 9),
          Map.entry("1.2.840.10045.4.3.2", 10),
          Map.entry("1.2.840.10045.4.3.3", 11),
          Map.entry("1.2.840.10045.4.3.4", 12),
          Map.entry("1.2.840.113549.1.1.10", 13),
          Map.entry("1.3.101.112", 16));
  private static final Map<String, Integer> PUBLIC_KEY_ALGORITHMS =
      Map.of(
          "1.2.840.113549.1.1.1", 1,
          "1.2.840.10040.4.1", 2,
          "1.2.840.10045.2.1", 3,
          "1.3.101.112", 4);
  private static final Map<String, Integer> EXT_KEY_USAGES =
      Map.ofEntries(
          Map.entry("2.5.29.37.0", 0),
          Map.entry("1.3.6.1.5.5.7.3.1", 1),
          Map.entry("1.3.6.1.5.5.7.3.2", 2),
          Map.entry("1.3.6.1.5.5.7.3.3", 3),
          Map.entry("1.3.6.1.5.5.7.3.4", 4),
          Map.entry("1.3.6.1.5.5.7.3.5", 5),
          Map.entry("1.3.6.1.5.5.7.3.6", 6),
          Map.entry("1.3.6.1.5.5.7.3.7", 7),
          Map.entry("1.3.6.1.5.5.7.3.8", 8),
          Map.entry("1.3.6.1.5.5.7.3.9", 9),
          Map.entry("1.3.6.1.4.1.311.10.3.3", 10),
          Map.entry("2.16.840.1.113730.4.1", 11),
          Map.entry("1.3.6.1.4.1.311.2.1.22", 12),
          Map.entry("1.3.6.1.4.1.311.61.1.1", 13));
  private static final Map<String, String> NAME_FIELDS =
      Map.of(
          "2.5.4.6", "Country",
          "2.5.4.10", "Organization",
          "2.5.4.11", "OrganizationalUnit",
          "2.5.4.7", "Locality",
          "2.5.4.8", "Province",
          "2.5.4.9", "StreetAddress",
          "2.5.4.17", "PostalCode");

  private CryptoX509() {}

  static Value parseCertificates(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    ctx.charge(input.length());
    try {
      List<Value> out = new ArrayList<>();
      for (X509Certificate c : certificates(input)) {
        out.add(certificate(c));
      }
      return ArrayValue.of(out);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure(e);
    }
  }

  /** Certificates from PEM, base64 of PEM, or base64 of concatenated DER. */
  static List<X509Certificate> certificates(String input) throws GeneralSecurityException {
    byte[] der;
    if (CryptoPem.looksLikePem(input)) {
      der = pemCertificates(input);
    } else {
      byte[] decoded = EncodingBuiltins.decodeStdBase64(input);
      String text = CryptoPem.text(decoded);
      der = CryptoPem.looksLikePem(text) ? pemCertificates(text) : decoded;
    }
    if (der.length == 0) {
      return List.of();
    }
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(der));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new CertificateException();
      }
      return out;
    } catch (CertificateException e) {
      throw new GeneralSecurityException("x509: malformed certificate");
    }
  }

  private static byte[] pemCertificates(String text) throws GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (CryptoPem.Block b : CryptoPem.decodeAll(text)) {
      if (!b.type().equals("CERTIFICATE")) {
        throw new GeneralSecurityException(
            "PEM block type is '" + b.type() + "', expected CERTIFICATE");
      }
      out.writeBytes(b.bytes());
    }
    return out.toByteArray();
  }

  private static BuiltinException failure(Exception e) {
    if (e instanceof BuiltinException be) {
      return be;
    }
    // Structural surprises inside the DER (bad lengths, missing fields) mean a malformed input.
    String msg = e instanceof RuntimeException ? null : e.getMessage();
    return BuiltinException.error(msg == null ? "x509: malformed certificate" : msg);
  }

  /** A certificate as Go's JSON encoding of x509.Certificate (plus OPA's URIStrings). */
  static Value certificate(X509Certificate c) throws GeneralSecurityException {
    ObjectValue.Builder o = ObjectValue.builder();
    byte[] raw = c.getEncoded();
    List<CryptoDer.Element> tbs = CryptoDer.read(c.getTBSCertificate()).children();
    int i = tbs.get(0).tag() == 0xa0 ? 1 : 0; // the version is optional
    CryptoDer.Element issuer = tbs.get(i + 2);
    CryptoDer.Element subject = tbs.get(i + 4);
    CryptoDer.Element spki = tbs.get(i + 5);
    o.put("Raw", b64(raw));
    o.put("RawTBSCertificate", b64(c.getTBSCertificate()));
    o.put("RawSubjectPublicKeyInfo", b64(spki.encoded()));
    o.put("RawSubject", b64(subject.encoded()));
    o.put("RawIssuer", b64(issuer.encoded()));
    o.put("Signature", b64(c.getSignature()));
    o.put(
        "SignatureAlgorithm",
        NumberValue.of(SIGNATURE_ALGORITHMS.getOrDefault(c.getSigAlgOID(), 0)));
    o.put("PublicKeyAlgorithm", NumberValue.of(publicKeyAlgorithm(spki)));
    o.put("PublicKey", CryptoKeys.goPublicKey(c.getPublicKey()));
    o.put("Version", NumberValue.of(c.getVersion()));
    o.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
    o.put("Issuer", name(issuer));
    o.put("Subject", name(subject));
    o.put("NotBefore", time(c.getNotBefore().toInstant()));
    o.put("NotAfter", time(c.getNotAfter().toInstant()));
    boolean[] usage = c.getKeyUsage();
    int keyUsage = 0;
    if (usage != null) {
      for (int b = 0; b < usage.length && b < 9; b++) {
        keyUsage |= usage[b] ? 1 << b : 0;
      }
    }
    o.put("KeyUsage", NumberValue.of(keyUsage));
    List<CryptoDer.Element> extensions = new ArrayList<>();
    for (CryptoDer.Element e : tbs) {
      if (e.tag() == 0xa3) {
        extensions = e.children().get(0).children();
      }
    }
    putExtensions(o, extensions);
    o.put("ExtraExtensions", NullValue.INSTANCE);
    o.put("UnhandledCriticalExtensions", NullValue.INSTANCE);
    return o.build();
  }

  private static int publicKeyAlgorithm(CryptoDer.Element spki) {
    String oid = spki.children().get(0).children().get(0).oidString();
    return PUBLIC_KEY_ALGORITHMS.getOrDefault(oid, 0);
  }

  /** Fields Go derives from extensions: constraints, key ids, usages and alternative names. */
  private static void putExtensions(ObjectValue.Builder o, List<CryptoDer.Element> extensions) {
    List<Value> exts = new ArrayList<>();
    List<Value> extKeyUsage = new ArrayList<>();
    List<Value> unknownExtKeyUsage = new ArrayList<>();
    List<Value> dns = new ArrayList<>();
    List<Value> emails = new ArrayList<>();
    List<Value> ips = new ArrayList<>();
    List<Value> uris = new ArrayList<>();
    boolean basicValid = false;
    boolean isCa = false;
    long maxPathLen = 0;
    Value ski = NullValue.INSTANCE;
    Value aki = NullValue.INSTANCE;
    for (CryptoDer.Element ext : extensions) {
      List<CryptoDer.Element> f = ext.children();
      String oid = f.get(0).oidString();
      boolean critical =
          f.size() == 3 && f.get(1).content().length == 1 && f.get(1).content()[0] != 0;
      byte[] value = f.get(f.size() - 1).content();
      exts.add(
          ObjectValue.builder()
              .put("Id", oidArcs(f.get(0)))
              .put("Critical", BooleanValue.of(critical))
              .put("Value", b64(value))
              .build());
      switch (oid) {
        case "2.5.29.19" -> {
          basicValid = true;
          maxPathLen = -1;
          for (CryptoDer.Element e : CryptoDer.read(value).children()) {
            if (e.tag() == 0x01) {
              isCa = e.content().length == 1 && e.content()[0] != 0;
            } else if (e.tag() == 0x02) {
              maxPathLen = e.integer().longValue();
            }
          }
        }
        case "2.5.29.14" -> ski = b64(CryptoDer.read(value).content());
        case "2.5.29.35" -> {
          for (CryptoDer.Element e : CryptoDer.read(value).children()) {
            if (e.tag() == 0x80) {
              aki = b64(e.content());
            }
          }
        }
        case "2.5.29.37" -> {
          for (CryptoDer.Element e : CryptoDer.read(value).children()) {
            Integer known = EXT_KEY_USAGES.get(e.oidString());
            if (known != null) {
              extKeyUsage.add(NumberValue.of(known));
            } else {
              unknownExtKeyUsage.add(oidArcs(e));
            }
          }
        }
        case "2.5.29.17" -> {
          for (CryptoDer.Element e : CryptoDer.read(value).children()) {
            switch (e.tag()) {
              case 0x81 -> emails.add(StringValue.of(e.text()));
              case 0x82 -> dns.add(StringValue.of(e.text()));
              case 0x86 -> uris.add(StringValue.of(e.text()));
              case 0x87 -> {
                byte[] ip = e.content();
                if (ip.length == 4 || ip.length == 16) {
                  ips.add(StringValue.of(NetIp.format(ip)));
                }
              }
              default -> {}
            }
          }
        }
        default -> {}
      }
    }
    o.put("Extensions", listOrNull(exts));
    o.put("ExtKeyUsage", listOrNull(extKeyUsage));
    o.put("UnknownExtKeyUsage", listOrNull(unknownExtKeyUsage));
    o.put("BasicConstraintsValid", BooleanValue.of(basicValid));
    o.put("IsCA", BooleanValue.of(isCa));
    o.put("MaxPathLen", NumberValue.of(maxPathLen));
    o.put("MaxPathLenZero", BooleanValue.of(basicValid && maxPathLen == 0));
    o.put("SubjectKeyId", ski);
    o.put("AuthorityKeyId", aki);
    o.put("DNSNames", listOrNull(dns));
    o.put("EmailAddresses", listOrNull(emails));
    o.put("IPAddresses", listOrNull(ips));
    o.put("URIStrings", listOrNull(uris));
  }

  /** A distinguished name as Go's pkix.Name. */
  private static Value name(CryptoDer.Element name) {
    Map<String, List<Value>> multi = new HashMap<>();
    String commonName = "";
    String serial = "";
    List<Value> names = new ArrayList<>();
    for (CryptoDer.Element rdn : name.children()) {
      for (CryptoDer.Element atv : rdn.children()) {
        List<CryptoDer.Element> f = atv.children();
        String oid = f.get(0).oidString();
        String text = f.get(1).text();
        names.add(
            ObjectValue.builder()
                .put("Type", oidArcs(f.get(0)))
                .put("Value", StringValue.of(text))
                .build());
        if (oid.equals("2.5.4.3")) {
          commonName = text;
        } else if (oid.equals("2.5.4.5")) {
          serial = text;
        } else if (NAME_FIELDS.containsKey(oid)) {
          multi
              .computeIfAbsent(NAME_FIELDS.get(oid), k -> new ArrayList<>())
              .add(StringValue.of(text));
        }
      }
    }
    ObjectValue.Builder o = ObjectValue.builder();
    for (String field : NAME_FIELDS.values()) {
      o.put(field, listOrNull(multi.getOrDefault(field, List.of())));
    }
    o.put("CommonName", StringValue.of(commonName));
    o.put("SerialNumber", StringValue.of(serial));
    o.put("Names", listOrNull(names));
    o.put("ExtraNames", NullValue.INSTANCE);
    return o.build();
  }

  static Value parseCertificateRequest(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    ctx.charge(input.length());
    try {
      byte[] bytes;
      if (input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
        bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } else {
        bytes = EncodingBuiltins.decodeStdBase64(input);
      }
      List<CryptoPem.Block> blocks = CryptoPem.decodeAll(CryptoPem.text(bytes));
      if (!blocks.isEmpty()) {
        if (!blocks.get(0).type().equals("CERTIFICATE REQUEST")) {
          throw BuiltinException.error("invalid PEM-encoded certificate signing request");
        }
        bytes = blocks.get(0).bytes();
      }
      return certificateRequest(bytes);
    } catch (RuntimeException e) {
      if (e instanceof BuiltinException be) {
        throw be;
      }
      throw BuiltinException.error("asn1: structure error: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw failure(e);
    }
  }

  private static Value certificateRequest(byte[] der) throws GeneralSecurityException {
    CryptoDer.Element csr = CryptoDer.read(der);
    List<CryptoDer.Element> top = csr.children();
    CryptoDer.Element info = top.get(0);
    List<CryptoDer.Element> f = info.children();
    CryptoDer.Element subject = f.get(1);
    CryptoDer.Element spki = f.get(2);
    ObjectValue.Builder o = ObjectValue.builder();
    o.put("Raw", b64(csr.encoded()));
    o.put("RawTBSCertificateRequest", b64(info.encoded()));
    o.put("RawSubjectPublicKeyInfo", b64(spki.encoded()));
    o.put("RawSubject", b64(subject.encoded()));
    o.put("Version", NumberValue.of(f.get(0).integer()));
    byte[] sig = top.get(2).content();
    o.put("Signature", b64(Arrays.copyOfRange(sig, 1, sig.length)));
    String sigOid = top.get(1).children().get(0).oidString();
    o.put("SignatureAlgorithm", NumberValue.of(SIGNATURE_ALGORITHMS.getOrDefault(sigOid, 0)));
    int pkAlg = publicKeyAlgorithm(spki);
    o.put("PublicKeyAlgorithm", NumberValue.of(pkAlg));
    o.put("PublicKey", CryptoKeys.goPublicKey(publicKey(spki.encoded(), pkAlg)));
    o.put("Subject", name(subject));
    List<CryptoDer.Element> extensions = new ArrayList<>();
    List<Value> attributes = new ArrayList<>();
    if (f.size() > 3 && f.get(3).tag() == 0xa0) {
      for (CryptoDer.Element attr : f.get(3).children()) {
        List<CryptoDer.Element> af = attr.children();
        if (af.get(0).oidString().equals("1.2.840.113549.1.9.14")) {
          extensions = af.get(1).children().get(0).children();
        }
        attributes.add(ObjectValue.builder().put("Type", oidArcs(af.get(0))).build());
      }
    }
    o.put("Attributes", listOrNull(attributes));
    ObjectValue.Builder derived = ObjectValue.builder();
    putExtensions(derived, extensions);
    ObjectValue d = derived.build();
    for (String k : List.of("Extensions", "DNSNames", "EmailAddresses", "IPAddresses")) {
      o.put(k, d.get(k));
    }
    o.put("URIs", d.get("URIStrings"));
    o.put("ExtraExtensions", NullValue.INSTANCE);
    return o.build();
  }

  private static PublicKey publicKey(byte[] spki, int alg) throws GeneralSecurityException {
    String name =
        switch (alg) {
          case 1 -> "RSA";
          case 2 -> "DSA";
          case 3 -> "EC";
          case 4 -> "Ed25519";
          default -> throw new GeneralSecurityException("x509: unknown public key algorithm");
        };
    return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(spki));
  }

  static Value parseKeyPair(BuiltinContext ctx, Value[] args) {
    String cert = Args.string(args, 0);
    String key = Args.string(new Value[] {args[1]}, 0);
    try {
      String certText =
          cert.startsWith("-----BEGIN ")
              ? cert
              : CryptoPem.text(EncodingBuiltins.decodeStdBase64(cert));
      byte[] keyBytes =
          key.startsWith("-----BEGIN ") ? null : EncodingBuiltins.decodeStdBase64(key);
      String keyText = keyBytes == null ? key : CryptoPem.text(keyBytes);
      List<byte[]> chain = new ArrayList<>();
      if (certText.startsWith("-----BEGIN ")) {
        for (CryptoPem.Block b : CryptoPem.decodeAll(certText)) {
          if (b.type().equals("CERTIFICATE")) {
            chain.add(b.bytes());
          }
        }
      } else {
        chain.add(EncodingBuiltins.decodeStdBase64(cert));
      }
      if (chain.isEmpty()) {
        throw BuiltinException.error("tls: failed to find any PEM data in certificate input");
      }
      PrivateKey privateKey = null;
      if (keyText.startsWith("-----BEGIN")) {
        for (CryptoPem.Block b : CryptoPem.decodeAll(keyText)) {
          if (b.type().equals("PRIVATE KEY") || b.type().endsWith(" PRIVATE KEY")) {
            privateKey = CryptoKeys.privateKey(b);
            break;
          }
        }
      } else {
        privateKey = CryptoKeys.pkcs8(keyBytes);
      }
      if (privateKey == null) {
        throw BuiltinException.error("tls: failed to find any PEM data in key input");
      }
      X509Certificate leaf =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(chain.get(0)));
      if (!leaf.getPublicKey().equals(CryptoKeys.publicOf(privateKey))) {
        throw BuiltinException.error("tls: private key does not match public key");
      }
      List<Value> certs = new ArrayList<>();
      for (byte[] c : chain) {
        certs.add(b64(c));
      }
      return ObjectValue.builder()
          .put("Certificate", ArrayValue.of(certs))
          .put("PrivateKey", CryptoKeys.goPrivateKey(privateKey))
          .put("Leaf", certificate(leaf))
          .put("OCSPStaple", NullValue.INSTANCE)
          .put("SignedCertificateTimestamps", NullValue.INSTANCE)
          .put("SupportedSignatureAlgorithms", NullValue.INSTANCE)
          .build();
    } catch (CertificateException e) {
      throw BuiltinException.error("x509: malformed certificate");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure(e);
    }
  }

  static Value parseRsaPrivateKey(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    if (input.isEmpty()) {
      throw BuiltinException.error("input PEM data was empty");
    }
    try {
      String text =
          input.startsWith("-----BEGIN")
              ? input
              : CryptoPem.text(EncodingBuiltins.decodeStdBase64(input));
      for (CryptoPem.Block b : CryptoPem.decodeAll(text)) {
        PrivateKey key = CryptoKeys.privateKey(b);
        if (key != null) {
          return CryptoKeys.jwk(key);
        }
      }
      return NullValue.INSTANCE;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure(e);
    }
  }

  /** Every private key in PEM (or base64 of PEM) text, each as Go's JSON of the key. */
  static Value parsePrivateKeys(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    if (input.isEmpty()) {
      return NullValue.INSTANCE;
    }
    String text = input;
    try {
      text = CryptoPem.text(EncodingBuiltins.decodeStdBase64(input));
    } catch (BuiltinException e) {
      // not base64: the input is PEM text itself
    }
    List<Value> keys = new ArrayList<>();
    try {
      for (CryptoPem.Block b : CryptoPem.decodeAll(text)) {
        PrivateKey key = CryptoKeys.privateKey(b);
        if (key != null) {
          keys.add(CryptoKeys.goPrivateKey(key));
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure(e);
    }
    return ArrayValue.of(keys);
  }

  private static Value oidArcs(CryptoDer.Element oid) {
    List<Value> arcs = new ArrayList<>();
    for (long a : oid.oid()) {
      arcs.add(NumberValue.of(a));
    }
    return ArrayValue.of(arcs);
  }

  private static Value listOrNull(List<Value> items) {
    return items.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(items);
  }

  private static StringValue b64(byte[] bytes) {
    return StringValue.of(Base64.getEncoder().encodeToString(bytes));
  }

  private static StringValue time(Instant t) {
    return StringValue.of(t.toString());
  }
}
