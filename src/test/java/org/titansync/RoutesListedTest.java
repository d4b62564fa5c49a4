package org.titansync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** application.properties lists routes by name (no jar scan): every routes/ file must be there. */
class RoutesListedTest {
  @Test
  void everyRouteFileIsListedInApplicationProperties() throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of("application.properties"))) {
      p.load(r);
    }
    Set<String> listed = new TreeSet<>();
    for (String entry : p.getProperty("camel.main.routes-include-pattern").split(",", -1)) {
      listed.add(entry.trim().replace("classpath:titan-sync/routes/", ""));
    }
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(Path.of("routes"))) {
      s.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".camel.yaml"))
          .forEach(files::add);
    }
    assertEquals(files, listed);
  }
}
