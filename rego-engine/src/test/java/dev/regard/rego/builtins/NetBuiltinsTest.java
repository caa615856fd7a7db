package dev.regard.rego.builtins;

import static dev.regard.rego.builtins.BuiltinCalls.call;
import static dev.regard.rego.builtins.BuiltinCalls.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.rego.value.BooleanValue;
import dev.regard.rego.value.Json;
import dev.regard.rego.value.NumberValue;
import dev.regard.rego.value.SetValue;
import dev.regard.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetBuiltinsTest {
  private static SetValue strings(String... items) {
    Value[] v = new Value[items.length];
    for (int i = 0; i < items.length; i++) {
      v[i] = s(items[i]);
    }
    return SetValue.of(v);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.2.3, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "10.0.0.0/8, 10.1.0.0/16, true",
    "10.1.0.0/16, 10.0.0.0/8, false",
    "192.168.1.0/24, 192.168.1.255, true",
    "10.0.0.0/8, ::ffff:10.0.0.1, true",
    "2001:db8::/32, 2001:db8:0:1::5, true",
    "2001:db8::/32, 2001:db9::1, false",
    "2001:db8::/32, 10.0.0.1, false",
    "0.0.0.0/0, 255.255.255.255, true",
    "fd00::/8, fdff:ffff::/16, true"
  })
  void contains(String net, String addr, boolean expected) {
    assertThat(call("net.cidr_contains", s(net), s(addr))).isEqualTo(BooleanValue.of(expected));
  }

  @Test
  void containsErrors() {
    assertThatThrownBy(() -> call("net.cidr_contains", s("10.0.0.0/33"), s("10.0.0.1")))
        .isInstanceOf(BuiltinException.class)
        .hasMessage("invalid CIDR address: 10.0.0.0/33");
    assertThatThrownBy(() -> call("net.cidr_contains", s("10.0.0.0/8"), s("example.com")))
        .hasMessage("not a valid textual representation of an IP address or CIDR: example.com");
    assertThatThrownBy(() -> call("net.cidr_contains", NumberValue.of(1), s("10.0.0.1")))
        .hasMessage("operand 1 must be string but got number");
  }

  @ParameterizedTest
  @CsvSource({
    "192.168.0.0/16, 192.168.1.0/24, true",
    "192.168.1.0/24, 192.168.0.0/16, true",
    "192.168.1.0/24, 192.168.2.0/24, false",
    "fd1e:5bfe:8af3:9ddc::/64, fd1e:5bfe:8af3:9ddc:1111::/72, true"
  })
  void intersects(String a, String b, boolean expected) {
    assertThat(call("net.cidr_intersects", s(a), s(b))).isEqualTo(BooleanValue.of(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "10.1.2.3/32", "::/0", "2001:db8::/128", "1.2.3.4/0"})
  void validCidrs(String cidr) {
    assertThat(call("net.cidr_is_valid", s(cidr))).isEqualTo(BooleanValue.TRUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0.0/33",
        "10.0.0/8",
        "010.0.0.0/8",
        "2001:db8::/129",
        "host/8",
        "1.2.3.4/",
        "1.2.3.4/08x",
        "fe80::1%eth0/64",
        "1:2:3:4:5:6:7:8:9/64",
        "1::2::3/64"
      })
  void invalidCidrs(String cidr) {
    assertThat(call("net.cidr_is_valid", s(cidr))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void isValidOfANonStringIsFalse() {
    assertThat(call("net.cidr_is_valid", NumberValue.of(1))).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void expand() {
    assertThat(call("net.cidr_expand", s("192.168.1.1/30")))
        .isEqualTo(strings("192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3"));
    assertThat(call("net.cidr_expand", s("2001:db8::/127")))
        .isEqualTo(strings("2001:db8::", "2001:db8::1"));
    assertThat(call("net.cidr_expand", s("10.0.0.7/32"))).isEqualTo(strings("10.0.0.7"));
    assertThatThrownBy(() -> call("net.cidr_expand", s("192.168.1.1/33")))
        .hasMessage("invalid CIDR address: 192.168.1.1/33");
  }

  @Test
  void expandChargesAndRefusesHugeNetworks() {
    FixedClockContext ctx = new FixedClockContext();
    call(ctx, "net.cidr_expand", s("10.0.0.0/24"));
    assertThat(ctx.charged()).isEqualTo(256);
    assertThatThrownBy(() -> call("net.cidr_expand", s("::/0")))
        .isInstanceOf(BuiltinException.class)
        .hasMessageContaining("more than");
    FixedClockContext tight = new FixedClockContext(0, 1000);
    assertThatThrownBy(() -> call(tight, "net.cidr_expand", s("10.0.0.0/16")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void containsMatches() {
    assertThat(
            call(
                "net.cidr_contains_matches",
                Json.parse("[[\"1.1.2.0/24\",1],\"1.1.1.0/24\"]"),
                Json.parse("[\"1.1.1.1\",\"1.1.2.1\"]")))
        .isEqualTo(SetValue.of(Json.parse("[0,1]"), Json.parse("[1,0]")));
    assertThat(
            call("net.cidr_contains_matches", Json.parse("{\"k\":\"10.0.0.0/8\"}"), s("10.1.1.1")))
        .isEqualTo(SetValue.of(Json.parse("[\"k\",\"10.1.1.1\"]")));
    assertThatThrownBy(() -> call("net.cidr_contains_matches", s("10.0.0.0/8"), Json.parse("[[]]")))
        .hasMessage("operand 2: element must be string or non-empty array");
  }

  @Test
  void mergeCombinesAdjacentAndContainedNetworks() {
    assertThat(
            call(
                "net.cidr_merge",
                Json.parse("[\"192.0.128.0/24\",\"192.0.129.0/24\",\"192.0.129.5/32\"]")))
        .isEqualTo(strings("192.0.128.0/23"));
    assertThat(call("net.cidr_merge", Json.parse("[\"10.0.0.0/24\",\"10.0.1.0/25\"]")))
        .isEqualTo(strings("10.0.0.0/24", "10.0.1.0/25"));
    assertThat(
            call(
                "net.cidr_merge",
                Json.parse(
                    "[\"10.0.0.0/25\",\"10.0.0.128/26\",\"10.0.0.192/26\",\"10.0.1.0/24\"]")))
        .isEqualTo(strings("10.0.0.0/23"));
    assertThat(
            call(
                "net.cidr_merge",
                Json.parse(
                    "[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64\","
                        + "\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128\"]")))
        .isEqualTo(strings("2601:600:8a80:207e::/64"));
    assertThat(call("net.cidr_merge", Json.parse("[]"))).isEqualTo(SetValue.EMPTY);
  }

  @Test
  void mergeErrors() {
    assertThatThrownBy(() -> call("net.cidr_merge", Json.parse("[\"2601:600::1\"]")))
        .hasMessage("IPv6 invalid: needs prefix length");
    assertThatThrownBy(() -> call("net.cidr_merge", Json.parse("[1]")))
        .hasMessage("element must be string");
    assertThatThrownBy(() -> call("net.cidr_merge", s("10.0.0.0/8")))
        .hasMessage("operand must be an array");
  }

  @ParameterizedTest
  @CsvSource({
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "0:0:0:0:0:0:0:0, ::",
    "::ffff:1.2.3.4, 1.2.3.4",
    "1:0:0:0:0:0:0:0, 1::",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1"
  })
  void formatsAddressesAsGoDoes(String in, String out) {
    assertThat(NetIp.format(NetIp.parseIp(in))).isEqualTo(out);
  }
}
