package dev.regard.kafka.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regard.kafka.authn.RegardPrincipalBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

class PrincipalCodecTest {
  private final RegardPrincipalBuilder serde = new RegardPrincipalBuilder();

  @Test
  void groupsAndRolesSurviveTheRoundTrip() {
    RegardPrincipal alice =
        new RegardPrincipal("User", "alice", Set.of("payments", "ops"), Set.of("producer"), true);
    KafkaPrincipal back = serde.deserialize(serde.serialize(alice));
    assertThat(back).isEqualTo(alice).isInstanceOf(RegardPrincipal.class);
    RegardPrincipal regard = (RegardPrincipal) back;
    assertThat(regard.groups()).containsExactlyInAnyOrder("payments", "ops");
    assertThat(regard.roles()).containsExactly("producer");
    assertThat(regard.tokenAuthenticated()).isTrue();
  }

  @Test
  void plainKafkaPrincipalsSerializeWithoutAttributes() {
    KafkaPrincipal back = serde.deserialize(serde.serialize(new KafkaPrincipal("User", "bob")));
    assertThat(back.getName()).isEqualTo("bob");
    assertThat(((RegardPrincipal) back).groups()).isEmpty();
  }

  @Test
  void principalsDifferingInGroupsAreNotEqual() {
    assertThat(new RegardPrincipal("User", "a", Set.of("x"), Set.of(), false))
        .isNotEqualTo(new RegardPrincipal("User", "a", Set.of("y"), Set.of(), false));
  }

  @Test
  void malformedBytesAreASerializationError() {
    for (String bad :
        new String[] {
          "",
          "not json",
          "[]",
          "{\"v\":2,\"type\":\"User\",\"name\":\"a\",\"tokenAuthenticated\":false}",
          "{\"v\":1,\"name\":\"a\",\"tokenAuthenticated\":false}",
          "{\"v\":1,\"type\":\"User\",\"name\":7,\"tokenAuthenticated\":false}"
        }) {
      assertThatThrownBy(() -> serde.deserialize(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(SerializationException.class);
    }
    assertThatThrownBy(() -> serde.deserialize(new byte[PrincipalCodec.MAX_BYTES + 1]))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserialize(null)).isInstanceOf(SerializationException.class);
  }
}
