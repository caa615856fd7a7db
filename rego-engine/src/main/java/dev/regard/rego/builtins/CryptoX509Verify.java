package dev.regard.rego.builtins;

import dev.regard.rego.value.ArrayValue;
import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.ObjectValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.StringValue;
import dev.regard.rego.value.Value;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code crypto.x509.parse_and_verify_certificates} and its {@code _with_options} form: the first
 * certificate is the trusted root, the last the leaf, and those between are intermediates. The
 * chain is built and checked by the JDK's PKIX validator (signatures, validity at the query's time,
 * CA constraints), without revocation checks, which need the network.
 */
final class CryptoX509Verify {
  private static final String ANY_USAGE = "2.5.29.37.0";
  private static final Map<String, String> KEY_USAGES =
      Map.ofEntries(
          Map.entry("KeyUsageAny", ANY_USAGE),
          Map.entry("KeyUsageServerAuth", "1.3.6.1.5.5.7.3.1"),
          Map.entry("KeyUsageClientAuth", "1.3.6.1.5.5.7.3.2"),
          Map.entry("KeyUsageCodeSigning", "1.3.6.1.5.5.7.3.3"),
          Map.entry("KeyUsageEmailProtection", "1.3.6.1.5.5.7.3.4"),
          Map.entry("KeyUsageIPSECEndSystem", "1.3.6.1.5.5.7.3.5"),
          Map.entry("KeyUsageIPSECTunnel", "1.3.6.1.5.5.7.3.6"),
          Map.entry("KeyUsageIPSECUser", "1.3.6.1.5.5.7.3.7"),
          Map.entry("KeyUsageTimeStamping", "1.3.6.1.5.5.7.3.8"),
          Map.entry("KeyUsageOCSPSigning", "1.3.6.1.5.5.7.3.9"),
          Map.entry("KeyUsageMicrosoftServerGatedCrypto", "1.3.6.1.4.1.311.10.3.3"),
          Map.entry("KeyUsageNetscapeServerGatedCrypto", "2.16.840.1.113730.4.1"),
          Map.entry("KeyUsageMicrosoftCommercialCodeSigning", "1.3.6.1.4.1.311.2.1.22"),
          Map.entry("KeyUsageMicrosoftKernelCodeSigning", "1.3.6.1.4.1.311.61.1.1"));
  private static final Value UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

  private CryptoX509Verify() {}

  /** What the chain must satisfy besides a valid path to the root. */
  private record Options(String dnsName, long timeNs, Set<String> usages) {}

  static Value verify(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    return verify(ctx, input, new Options("", ctx.timeNowNs(), Set.of()));
  }

  static Value verifyWithOptions(BuiltinContext ctx, Value[] args) {
    String input = Args.string(args, 0);
    ObjectValue opts = Args.object(args, 1);
    return verify(ctx, input, options(opts, ctx.timeNowNs()));
  }

  private static Options options(ObjectValue opts, long nowNs) {
    String dns = "";
    long time = nowNs;
    Set<String> usages = new HashSet<>();
    for (int i = 0; i < opts.size(); i++) {
      if (!(opts.keyAt(i) instanceof StringValue key)) {
        continue;
      }
      Value v = opts.valueAt(i);
      switch (key.value()) {
        case "DNSName" -> {
          if (!(v instanceof StringValue s)) {
            throw BuiltinException.error("'DNSName' should be a string");
          }
          dns = s.value();
        }
        case "CurrentTime" -> {
          if (!(v instanceof NumberValue n)) {
            throw BuiltinException.error("'CurrentTime' should be a number");
          }
          if (!n.fitsLong()) {
            throw BuiltinException.error("'CurrentTime' should be a valid int64 number");
          }
          time = n.longValue();
        }
        case "MaxConstraintComparisons" -> {
          if (!(v instanceof NumberValue)) {
            throw BuiltinException.error("'MaxConstraintComparisons' should be a number");
          }
        }
        case "KeyUsages" -> {
          List<Value> items;
          if (v instanceof ArrayValue a) {
            items = a.elements();
          } else if (v instanceof SetValue s) {
            items = s.elements();
          } else {
            throw BuiltinException.error("'KeyUsages' should be an Array or Set");
          }
          List<String> invalid = new ArrayList<>();
          for (Value item : items) {
            if (item instanceof StringValue s) {
              String oid = KEY_USAGES.get(s.value());
              if (oid == null) {
                invalid.add(s.value());
              } else {
                usages.add(oid);
              }
            }
          }
          if (!invalid.isEmpty()) {
            throw BuiltinException.error(
                "invalid entries for 'KeyUsages' found: [" + String.join(" ", invalid) + "]");
          }
        }
        default -> throw BuiltinException.error("invalid key option");
      }
    }
    return new Options(dns, time, usages);
  }

  private static Value verify(BuiltinContext ctx, String input, Options options) {
    ctx.charge(input.length());
    List<X509Certificate> certs;
    try {
      certs = CryptoX509.certificates(input);
    } catch (GeneralSecurityException | RuntimeException e) {
      return UNVERIFIED;
    }
    if (certs.size() < 2) {
      return UNVERIFIED;
    }
    try {
      List<X509Certificate> chain = buildChain(certs, options);
      X509Certificate leaf = chain.get(0);
      if (!usageAllowed(leaf, options.usages) || !nameMatches(leaf, options.dnsName)) {
        return UNVERIFIED;
      }
      List<Value> out = new ArrayList<>();
      for (X509Certificate c : chain) {
        out.add(CryptoX509.certificate(c));
      }
      return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(out));
    } catch (GeneralSecurityException | RuntimeException e) {
      return UNVERIFIED;
    }
  }

  /** The validated chain from the leaf up to and including the root. */
  private static List<X509Certificate> buildChain(List<X509Certificate> certs, Options options)
      throws GeneralSecurityException {
    X509Certificate root = certs.get(0);
    X509Certificate leaf = certs.get(certs.size() - 1);
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params =
        new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
    params.setRevocationEnabled(false);
    params.setDate(new Date(Math.floorDiv(options.timeNs, 1_000_000L)));
    Collection<X509Certificate> store = new ArrayList<>(certs.subList(1, certs.size()));
    params.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
    PKIXCertPathBuilderResult result =
        (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    List<X509Certificate> chain = new ArrayList<>();
    result.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
    chain.add(result.getTrustAnchor().getTrustedCert());
    return chain;
  }

  /** As Go: with no usages asked for, server authentication is required. */
  private static boolean usageAllowed(X509Certificate leaf, Set<String> requested)
      throws GeneralSecurityException {
    Set<String> wanted =
        requested.isEmpty() ? Set.of(KEY_USAGES.get("KeyUsageServerAuth")) : requested;
    if (wanted.contains(ANY_USAGE)) {
      return true;
    }
    List<String> has = leaf.getExtendedKeyUsage();
    if (has == null || has.contains(ANY_USAGE)) {
      return true;
    }
    return has.stream().anyMatch(wanted::contains);
  }

  private static boolean nameMatches(X509Certificate leaf, String dnsName)
      throws GeneralSecurityException {
    if (dnsName.isEmpty()) {
      return true;
    }
    String host = dnsName.toLowerCase(Locale.ROOT);
    Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
    if (sans == null) {
      return false;
    }
    for (List<?> san : sans) {
      if (((Integer) san.get(0)) == 2
          && matchesHost(((String) san.get(1)).toLowerCase(Locale.ROOT), host)) {
        return true;
      }
      if (((Integer) san.get(0)) == 7 && NetIp.parseIp(host) != null) {
        byte[] a = NetIp.parseIp(host);
        byte[] b = NetIp.parseIp((String) san.get(1));
        if (b != null && Arrays.equals(a, b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A SAN pattern against a host name; a wildcard stands for exactly one leftmost label. */
  private static boolean matchesHost(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }
}
