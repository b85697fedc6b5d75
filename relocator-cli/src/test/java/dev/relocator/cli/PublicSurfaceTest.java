package dev.relocator.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's only public type is its entry point; commands and helpers stay package-private. The
 * package is scanned, so a class added later is held to the same rule.
 */
class PublicSurfaceTest {
  private static JavaClasses cli;

  @BeforeAll
  static void scan() {
    cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.relocator.cli");
  }

  @Test
  void onlyMainIsPublic() {
    noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
        .should().haveModifier(JavaModifier.PUBLIC)
        .because("the CLI's commands and helpers are not an API; Main is its entry point")
        .check(cli);
    classes().that().haveFullyQualifiedName(Main.class.getName()).should().bePublic().check(cli);
  }
}
