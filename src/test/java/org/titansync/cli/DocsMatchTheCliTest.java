package org.titansync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.titansync.config.ConfigLoader;
import picocli.CommandLine;

/**
 * Every command and flag the CLI knows is in docs/cli.md, every flag docs/cli.md names exists, and
 * every config key the code knows is in docs/config.md and the other way round.
 */
class DocsMatchTheCliTest {
  private static final Set<String> STANDARD = Set.of("--help", "--version", "-h", "-V");

  private static String doc(String name) throws Exception {
    return Files.readString(Path.of("docs", name));
  }

  @Test
  void everyCommandAndFlagIsDocumented() throws Exception {
    String cli = doc("cli.md");
    CommandLine root = TitanSyncCommand.commandLine();
    List<String> missing = new ArrayList<>();
    root.getSubcommands()
        .forEach(
            (name, sub) -> {
              if ("help".equals(name)) {
                return;
              }
              if (!cli.contains("## " + name)) {
                missing.add("section ## " + name);
              }
              for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (!STANDARD.contains(o.longestName()) && !cli.contains(o.longestName())) {
                  missing.add(name + " " + o.longestName());
                }
              }
              assertTrue(sub.getUsageMessage().contains("Example"), name + " --help has examples");
            });
    assertEquals(List.of(), missing, "not in docs/cli.md");
  }

  @Test
  void everyFlagTheDocsNameExists() throws Exception {
    Set<String> known = new TreeSet<>(STANDARD);
    CommandLine root = TitanSyncCommand.commandLine();
    root.getSubcommands()
        .values()
        .forEach(
            sub -> sub.getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names()))));
    Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z-]+").matcher(doc("cli.md"));
    Set<String> unknown = new TreeSet<>();
    while (m.find()) {
      if (!known.contains(m.group())) {
        unknown.add(m.group());
      }
    }
    assertEquals(Set.of(), unknown, "flags in docs/cli.md that no command has");
  }

  @Test
  void everyConfigKeyIsDocumentedAndEveryDocumentedKeyExists() throws Exception {
    String config = doc("config.md");
    Set<String> known = ConfigLoader.knownKeys();
    List<String> undocumented =
        known.stream().filter(k -> !config.contains("`" + k + "`")).toList();
    assertEquals(List.of(), undocumented, "keys missing from docs/config.md");
    Matcher m = Pattern.compile("\\| `([a-z_]+\\.[a-z_.]+)`").matcher(config);
    Set<String> unknown = new TreeSet<>();
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    assertEquals(Set.of(), unknown, "keys in docs/config.md the code does not know");
  }
}
