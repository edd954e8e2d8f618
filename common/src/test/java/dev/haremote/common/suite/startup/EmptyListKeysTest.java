package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class EmptyListKeysTest {
  @ConfigMapping(prefix = "probe")
  public interface ProbeConfig {
    List<Peer> peers();

    List<String> resolvers();

    public interface Peer {
      String url();
    }
  }

  private static SmallRyeConfig config(Map<String, String> properties, boolean withInterceptor) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .withMapping(ProbeConfig.class)
            .withValidateUnknown(true);
    if (withInterceptor) {
      builder.withInterceptors(new EmptyListKeys());
    }
    return builder.build();
  }

  @Test
  void anEmptyYamlListOfGroupsIsAcceptedAsEmpty() {
    Map<String, String> yaml = Map.of("probe.peers", "", "probe.resolvers", "a");
    assertThatThrownBy(() -> config(yaml, false)).isInstanceOf(ConfigValidationException.class);

    ProbeConfig probe = config(yaml, true).getConfigMapping(ProbeConfig.class);
    assertThat(probe.peers()).isEmpty();
  }

  @Test
  void realUnknownKeysAreStillReported() {
    Map<String, String> yaml = Map.of("probe.peers", "", "probe.resolvers", "a", "probe.pers", "x");
    assertThatThrownBy(() -> config(yaml, true))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("probe.pers");
  }

  @Test
  void listsWithEntriesStillMap() {
    Map<String, String> yaml =
        Map.of("probe.peers[0].url", "https://vps.example.net:8081", "probe.resolvers", "a,b");
    ProbeConfig probe = config(yaml, true).getConfigMapping(ProbeConfig.class);
    assertThat(probe.peers())
        .extracting(ProbeConfig.Peer::url)
        .containsExactly("https://vps.example.net:8081");
    assertThat(probe.resolvers()).containsExactly("a", "b");
  }
}
