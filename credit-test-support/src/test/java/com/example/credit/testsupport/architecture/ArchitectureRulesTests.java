package com.example.credit.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ARCHITECTURE.md's dependency rules hold: the module graph that the poms declare is exactly the table in the
 * document (its {@code module-rules} block), every module of the build is in the table, and the rules the table
 * encodes — credit-core depends on no module, no stage on another stage, credit-test-support only in test scope —
 * hold for it. A change to the graph must change the document in the same commit.
 */
class ArchitectureRulesTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String GROUP = "com.example.credit";
    private static final Set<String> STAGES =
            Set.of("datagen-lambda", "etl-glue-job", "training-service", "explainer-service", "batch-service");
    private static final Set<String> ORCHESTRATORS = Set.of("pipeline", "bench", "infra");

    @Test
    void everyModuleOfTheBuildHasARowInTheDocumentAndNoRowNamesAnUnknownModule() throws Exception {
        assertThat(documentedRules().keySet()).containsExactlyInAnyOrderElementsOf(buildModules());
    }

    @Test
    void thePomsDeclareExactlyTheDependenciesTheDocumentAllows() throws Exception {
        Map<String, Set<String>> documented = documentedRules();
        for (String module : buildModules()) {
            assertThat(declaredDependencies(module))
                    .as("project dependencies of %s (pom.xml) against ARCHITECTURE.md", module)
                    .containsExactlyInAnyOrderElementsOf(documented.get(module));
        }
    }

    @Test
    void creditCoreDependsOnNoModuleAndNoStageOnAnotherStage() throws Exception {
        Map<String, Set<String>> documented = documentedRules();
        assertThat(documented.get("credit-core")).isEmpty();
        documented.forEach((module, dependencies) -> {
            for (String dependency : dependencies) {
                String name = moduleName(dependency);
                if (STAGES.contains(name)) {
                    assertThat(ORCHESTRATORS)
                            .as("%s depends on the stage %s: stages meet only through data", module, name)
                            .contains(module);
                }
                if (name.equals("credit-test-support")) {
                    assertThat(dependency)
                            .as("%s must use credit-test-support in test scope only", module)
                            .isEqualTo("credit-test-support(test)");
                }
            }
        });
    }

    /** The rows of the {@code module-rules} block: module -> dependencies as {@code name} or {@code name(scope)}. */
    static Map<String, Set<String>> documentedRules() throws IOException {
        String document = Files.readString(ROOT.resolve("ARCHITECTURE.md"));
        Matcher block = Pattern.compile("<!-- module-rules.*?-->\\s*```text\\n(.*?)```", Pattern.DOTALL)
                .matcher(document);
        assertThat(block.find()).as("ARCHITECTURE.md has a module-rules block").isTrue();
        Map<String, Set<String>> rules = new TreeMap<>();
        for (String line : block.group(1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] sides = line.split("->", -1);
            assertThat(sides)
                    .as("rule line '%s' has the form 'module -> a, b(test)'", line)
                    .hasSize(2);
            Set<String> dependencies = new TreeSet<>();
            for (String dependency : sides[1].split(",")) {
                if (!dependency.isBlank()) {
                    dependencies.add(dependency.strip());
                }
            }
            rules.put(sides[0].strip(), dependencies);
        }
        return rules;
    }

    private static List<String> buildModules() throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList nodes = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().strip());
        }
        return modules;
    }

    /** The module's own dependencies on this project's modules (not those of dependencyManagement). */
    private static Set<String> declaredDependencies(String module) throws Exception {
        Element project = pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
        Set<String> dependencies = new TreeSet<>();
        for (Element list : children(project, "dependencies")) {
            for (Element dependency : children(list, "dependency")) {
                if (GROUP.equals(text(dependency, "groupId"))) {
                    String scope = text(dependency, "scope");
                    String artifact = text(dependency, "artifactId");
                    dependencies.add(
                            scope == null || scope.equals("compile") ? artifact : artifact + "(" + scope + ")");
                }
            }
        }
        return dependencies;
    }

    private static String moduleName(String dependency) {
        int scope = dependency.indexOf('(');
        return scope < 0 ? dependency : dependency.substring(0, scope);
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
