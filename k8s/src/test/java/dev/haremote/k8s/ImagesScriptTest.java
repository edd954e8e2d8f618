package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scripts/images.sh for real: the three service images and the one-process image build from their
 * Dockerfiles on one Debian JRE base, each starts as the chart runs it (UID 1000, read-only root,
 * tmpfs /tmp, 256 MiB limit) and becomes ready, maps its class-data sharing archive, and is written
 * to an OCI archive named as the chart names the image, which {@code k3s ctr images import} takes.
 * Needs podman, skopeo and debootstrap (.ci/apt-packages) and root; the first run makes the Debian
 * base (about 5 minutes, cached under ~/.cache/ha-remote-access), later runs reuse unchanged
 * images.
 */
class ImagesScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyImageBuildsStartsReadOnlyAsUid1000AndMapsItsArchive() {
    BuiltImages.Report report = BuiltImages.get();
    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.rows()).extracting(BuiltImages.Row::service).isEqualTo(BuiltImages.SERVICES);
    for (BuiltImages.Row row : report.rows()) {
      assertThat(row.ready()).as(row.service()).isEqualTo("yes");
      assertThat(row.uid()).as(row.service()).isEqualTo("1000");
      assertThat(row.readOnlyRoot()).as(row.service()).isEqualTo("yes");
      assertThat(row.cds()).as(row.service()).isEqualTo("mapped");
      // The chart's limit is 256 MiB; at ready the measured RSS was 93-100 MiB.
      assertThat(row.rssMib()).as(row.service() + " RSS MiB").isBetween(40, 200);
      assertThat(row.imageMb()).as(row.service() + " image MB").isBetween(100, 500);
      assertThat(row.result()).as(row.service()).isEqualTo("ok");
    }
  }

  @Test
  void eachArchiveIsAnOciArchiveNamedAsTheChartNamesTheImage() {
    BuiltImages.Report report = BuiltImages.get();
    assertThat(report.exitCode()).as(report.output()).isZero();
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    for (String service : BuiltImages.SERVICES) {
      Path archive = BuiltImages.dir().resolve(service + "-0.1.0-" + arch + ".oci.tar");
      assertThat(archive).isRegularFile();
      var listing = Podman.run(60, List.of("tar", "-tf", archive.toString()));
      assertThat(listing.output().lines()).contains("oci-layout", "index.json");
      var index = Podman.run(60, List.of("tar", "-xOf", archive.toString(), "index.json"));
      JsonNode manifest = readJson(index.output()).at("/manifests/0");
      assertThat(manifest.at("/mediaType").asText())
          .isEqualTo("application/vnd.oci.image.manifest.v1+json");
      // containerd names an imported image by this annotation: the chart's default image name.
      assertThat(manifest.at("/annotations/org.opencontainers.image.ref.name").asText())
          .isEqualTo("docker.io/ha-remote-access/" + service + ":0.1.0");
    }
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
