package dev.haremote.common.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules every package keeps (their behaviour in the real Home Assistant is in ha-tests'
 * PackagesInEveryStateTest): unique_id = slug of the name (HaEntity has no attribute fields), every
 * template guarded against a missing answer, no subject addressed by its list position.
 */
class PackagesTest {
  private static List<HaEntity> all() {
    List<HaEntity> entities = new ArrayList<>();
    ReachabilityPackage.resources(
            "http://r/api/v1/status",
            30,
            null,
            List.of(
                new ReachabilityPackage.Target("home", List.of(IpFamily.IPV4, IpFamily.IPV6)),
                new ReachabilityPackage.Target("o'Brien-2", List.of(IpFamily.IPV6))))
        .forEach(r -> entities.addAll(r.entities()));
    CertWatchPackage.resources(
            "http://c/api/v1/status",
            30,
            null,
            List.of(new CertWatchPackage.Certificate("file-ha-ssl", "Certificate file ha-ssl")),
            Duration.ofMinutes(5))
        .forEach(r -> entities.addAll(r.entities()));
    DdnsPackage.resources(
            "http://d/api/v1/status",
            60,
            null,
            true,
            List.of(new DdnsPackage.Record("my-home.duckdns.org", IpFamily.IPV4)),
            Duration.ofMinutes(1))
        .forEach(r -> entities.addAll(r.entities()));
    return entities;
  }

  @Test
  void oneNamingRule() {
    List<HaEntity> entities = all();
    assertThat(entities).hasSizeGreaterThan(20);
    assertThat(entities)
        .allSatisfy(
            e -> {
              assertThat(e.uniqueId()).isEqualTo(HaNames.slug(e.name())).matches("[a-z0-9_]+");
            });
    assertThat(entities.stream().map(HaEntity::uniqueId).distinct().count())
        .isEqualTo(entities.size());
    assertThat(entities)
        .extracting(HaEntity::uniqueId)
        .contains(
            "ha_remote_access_verdict",
            "ha_remote_access_advice",
            "ha_remote_access_o_brien_2_ipv6",
            "ha_remote_access_o_brien_2_url_settings",
            "certificate_file_ha_ssl_days_left",
            "ddns_my_home_duckdns_org_ipv4_last_update",
            "ddns_cgnat");
  }

  @Test
  void everyTemplateIsGuardedAndPicksBySubjectNotPosition() {
    for (HaEntity e : all()) {
      for (String template : new String[] {e.valueTemplate(), e.availability()}) {
        assertThat(template).as(e.name()).startsWith(HaJinja.STATUS);
        assertThat(template).as(e.name()).doesNotContainPattern("\\[[0-9]+\\]\\.");
        assertThat(template).as(e.name()).doesNotContain("value_json.");
      }
    }
    HaEntity verdict =
        all().stream()
            .filter(e -> e.name().equals("HA remote access o'Brien-2 verdict"))
            .findFirst()
            .orElseThrow();
    assertThat(verdict.valueTemplate()).contains("selectattr('id', 'eq', 'o\\'Brien-2')");
  }

  @Test
  void slugs() {
    assertThat(HaNames.slug("HA remote access office-1 IPv4"))
        .isEqualTo("ha_remote_access_office_1_ipv4");
    assertThat(HaNames.slug("  DDNS my-home.duckdns.org IPv6 drift since "))
        .isEqualTo("ddns_my_home_duckdns_org_ipv6_drift_since");
    assertThat(HaNames.packageName("certwatch")).isEqualTo("ha_remote_access_certwatch");
  }
}
