package org.titansync.roster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The roster reader takes an {@link ExportSource} from the shell: no class of the core package
 * opens, stats or names a file itself (the shell's {@code run.ExportFile} does).
 */
class RosterOpensNoFileTest {
  @Test
  void rosterUsesNoFileSystemApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.io\\.File.*")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.titansync.roster"));
  }
}
