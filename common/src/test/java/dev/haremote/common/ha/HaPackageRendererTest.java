package dev.haremote.common.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

class HaPackageRendererTest {

  /** Loads like Home Assistant: {@code !secret NAME} becomes a marker we can assert on. */
  private static Map<String, Object> load(String yaml) {
    SafeConstructor constructor =
        new SafeConstructor(new LoaderOptions()) {
          {
            this.yamlConstructors.put(
                HaPackageRenderer.SECRET_TAG,
                new AbstractConstruct() {
                  @Override
                  public Object construct(Node node) {
                    return "<secret:" + ((ScalarNode) node).getValue() + ">";
                  }
                });
          }
        };
    return new Yaml(constructor).load(yaml);
  }

  private static HaRestResource resource(String secretName) {
    return new HaRestResource(
        "http://ddns-service:8083/api/v1/status",
        60,
        secretName,
        List.of(
            new HaEntity(
                "binary_sensor",
                "DDNS my-home in sync",
                "ddns_my_home_in_sync",
                "{{ value_json.records[0].in_sync }}",
                "problem",
                null,
                null,
                null),
            new HaEntity(
                "sensor",
                "DDNS published address",
                "ddns_my_home_published",
                "{{ value_json.records[0].published | default('unknown') }}",
                null,
                null,
                null,
                null)));
  }

  @Test
  void emptyIsAnEmptyRestList() {
    String yaml = HaPackageRenderer.render("ddns-service: nothing configured", List.of());
    assertThat(yaml).endsWith("rest: []\n").contains("# ddns-service: nothing configured");
    assertThat(load(yaml)).containsEntry("rest", List.of());
  }

  @Test
  void rendersARestListWithSensorsAndBinarySensors() {
    String yaml = HaPackageRenderer.render("ddns-service", List.of(resource(null)));
    Map<String, Object> root = load(yaml);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rest = (List<Map<String, Object>>) root.get("rest");
    assertThat(rest).hasSize(1);
    Map<String, Object> first = rest.get(0);
    assertThat(first)
        .containsEntry("resource", "http://ddns-service:8083/api/v1/status")
        .containsEntry("scan_interval", 60)
        .doesNotContainKey("headers");
    assertThat((List<?>) first.get("binary_sensor"))
        .singleElement()
        .isEqualTo(
            Map.of(
                "name", "DDNS my-home in sync",
                "unique_id", "ddns_my_home_in_sync",
                "value_template", "{{ value_json.records[0].in_sync }}",
                "device_class", "problem"));
    assertThat((List<?>) first.get("sensor"))
        .singleElement()
        .isEqualTo(
            Map.of(
                "name", "DDNS published address",
                "unique_id", "ddns_my_home_published",
                "value_template", "{{ value_json.records[0].published | default('unknown') }}"));
    assertThat(yaml)
        .contains("packages: !include_dir_named packages")
        .doesNotContain("secrets.yaml");
  }

  @Test
  void aProtectedServiceSendsTheTokenAsARealSecretTag() {
    String yaml = HaPackageRenderer.render("ddns-service", List.of(resource("remote_access_auth")));

    assertThat(yaml)
        .contains("Authorization: !secret remote_access_auth")
        .contains("#   remote_access_auth: \"Bearer <token>\"");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) load(yaml).get("rest")).get(0);
    assertThat(first)
        .containsEntry("headers", Map.of("Authorization", "<secret:remote_access_auth>"));
  }
}
