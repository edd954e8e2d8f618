package dev.haremote.common.suite.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration files a service reads, strongest first, as docs/configuration.md lists them
 * (environment variables come before all of them):
 *
 * <ol>
 *   <li>the files named by {@code QUARKUS_CONFIG_LOCATIONS} (comma-separated; what {@code ./run
 *       --config DIR} and the chart's ConfigMap set),
 *   <li>{@code config/application.yaml} in the working directory (Quarkus' own),
 *   <li>{@code application.yaml} in the working directory,
 *   <li>{@code application.yaml} beside the jar ({@code quarkus-run.jar}; the container image's
 *       working directory is that same directory, read once).
 * </ol>
 */
public final class ConfigFiles {
  /** Ordinal of {@code application.yaml} in the working directory (Quarkus' config/ has 265). */
  public static final int WORKING_DIR_ORDINAL = 264;

  /** Ordinal of {@code application.yaml} beside the jar. */
  public static final int BESIDE_JAR_ORDINAL = 263;

  private final Map<String, String> env;
  private final Path workingDir;
  private final Optional<Path> jarDir;
  private final String locationsProperty;

  ConfigFiles(
      Map<String, String> env, Path workingDir, Optional<Path> jarDir, String locationsProperty) {
    this.env = env;
    this.workingDir = workingDir;
    this.jarDir = jarDir;
    this.locationsProperty = locationsProperty;
  }

  /** The files of this process: its environment, working directory and jar. */
  public static ConfigFiles ofThisProcess() {
    return new ConfigFiles(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        jarDir(System.getProperty("java.class.path", "")),
        System.getProperty("quarkus.config.locations"));
  }

  /** For tests: another environment, working directory and jar directory. */
  public static ConfigFiles of(Map<String, String> env, Path workingDir, Path jarDir) {
    return new ConfigFiles(env, workingDir, Optional.ofNullable(jarDir), null);
  }

  /**
   * The directory of the jar the JVM was started with ({@code java -jar quarkus-run.jar} leaves
   * exactly that jar on the class path); empty in tests and IDEs, which run from a class path.
   */
  static Optional<Path> jarDir(String classPath) {
    if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
      return Optional.empty();
    }
    if (!classPath.endsWith(".jar")) {
      return Optional.empty();
    }
    try {
      Path parent = Path.of(classPath).toAbsolutePath().getParent();
      return Optional.ofNullable(parent);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** application.yaml in the working directory (absent or not). */
  public Path workingDirYaml() {
    return workingDir.resolve("application.yaml");
  }

  /** application.yaml beside the jar, when started from a jar and not the working directory. */
  public Optional<Path> besideJarYaml() {
    return jarDir
        .map(dir -> dir.resolve("application.yaml"))
        .filter(p -> !sameFile(p, workingDirYaml()));
  }

  /** Every file that exists, strongest first, with what the user would call it. */
  public List<ConfigFile> existing() {
    Map<Path, ConfigFile> files = new LinkedHashMap<>();
    for (Path p : locations()) {
      add(files, new ConfigFile(p, "QUARKUS_CONFIG_LOCATIONS"));
    }
    add(files, new ConfigFile(workingDir.resolve("config/application.yaml"), "working directory"));
    add(files, new ConfigFile(workingDirYaml(), "working directory"));
    besideJarYaml().ifPresent(p -> add(files, new ConfigFile(p, "beside the jar")));
    return new ArrayList<>(files.values());
  }

  private static void add(Map<Path, ConfigFile> files, ConfigFile file) {
    if (Files.isRegularFile(file.path())) {
      files.putIfAbsent(real(file.path()), file);
    }
  }

  /** The files QUARKUS_CONFIG_LOCATIONS names (file paths and file: URLs; directories skipped). */
  List<Path> locations() {
    String value =
        locationsProperty != null ? locationsProperty : env.get("QUARKUS_CONFIG_LOCATIONS");
    if (value == null) {
      value = env.get("SMALLRYE_CONFIG_LOCATIONS");
    }
    List<Path> out = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String location : value.split(",")) {
      String l = location.strip();
      if (l.startsWith("classpath:") || isClassPathResource(l)) {
        // SmallRye reads a relative location that is not a file from the class path (tests do).
        continue;
      }
      try {
        Path p = l.startsWith("file:") ? Path.of(URI.create(l)) : Path.of(l);
        out.add(workingDir.resolve(p));
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        // jar: or classpath locations: not a file a user edits
      }
    }
    return out;
  }

  private boolean isClassPathResource(String location) {
    try {
      if (location.contains(":")
          || Path.of(location).isAbsolute()
          || Files.exists(workingDir.resolve(location))) {
        return false;
      }
    } catch (InvalidPathException e) {
      return false;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null && loader.getResource(location) != null;
  }

  private static boolean sameFile(Path a, Path b) {
    return real(a).equals(real(b));
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /**
   * One configuration file.
   *
   * @param path where it is
   * @param why how the service came to read it ("QUARKUS_CONFIG_LOCATIONS", "working directory",
   *     "beside the jar")
   */
  public record ConfigFile(Path path, String why) {}
}
