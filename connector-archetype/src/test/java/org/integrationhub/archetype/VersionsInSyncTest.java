package org.integrationhub.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The versions a connector is built with are written down three times: in the hub's root pom (what the hub is
 * built and run with), in hub-bom (which cannot inherit them: an imported BOM would bring its parent's whole
 * dependency management along) and in this archetype's plugin versions (a BOM cannot carry plugins). This test keeps
 * the copies equal to the root pom, so a version bump there fails the build until the kit follows.
 */
class VersionsInSyncTest {

    private static Document root;
    private static Document bom;
    private static Document archetype;

    @BeforeAll
    static void read() throws Exception {
        root = parse(Path.of("../pom.xml"));
        bom = parse(Path.of("../hub-bom/pom.xml"));
        archetype = parse(Path.of("pom.xml"));
    }

    @Test
    void theBomsLibraryVersionsAreTheHubs() {
        Map<String, String> bomProperties = properties(bom);
        Map<String, String> rootProperties = properties(root);
        for (String property : new String[] {"jackson.version", "junit.version", "assertj.version", "slf4j.version"}) {
            assertThat(bomProperties.get(property)).as("hub-bom %s", property).isNotNull()
                    .isEqualTo(rootProperties.get(property));
        }
        for (String artifact : new String[] {"osgi.core", "osgi.annotation", "osgi.cmpn"}) {
            assertThat(managedVersion(bom, "org.osgi", artifact)).as("hub-bom org.osgi:%s", artifact).isNotNull()
                    .isEqualTo(managedVersion(root, "org.osgi", artifact));
        }
        assertThat(text(bom.getDocumentElement(), "version")).as("hub-bom's version")
                .isEqualTo(text(root.getDocumentElement(), "version"));
    }

    @Test
    void theGeneratedPomsPluginVersionsAreTheHubs() {
        Map<String, String> properties = properties(archetype);
        Map<String, String> plugins = Map.of(
                "maven-bundle-plugin.version", "maven-bundle-plugin",
                "maven-compiler-plugin.version", "maven-compiler-plugin",
                "maven-surefire-plugin.version", "maven-surefire-plugin",
                "maven-resources-plugin.version", "maven-resources-plugin",
                "maven-install-plugin.version", "maven-install-plugin");
        plugins.forEach((property, plugin) -> assertThat(properties.get(property)).as(property).isNotNull()
                .isEqualTo(pluginVersion(root, plugin)));
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> out = new LinkedHashMap<>();
        Element properties = child(pom.getDocumentElement(), "properties");
        NodeList nodes = properties == null ? null : properties.getChildNodes();
        for (int i = 0; nodes != null && i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                out.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        return out;
    }

    private static String managedVersion(Document pom, String groupId, String artifactId) {
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (groupId.equals(text(d, "groupId")) && artifactId.equals(text(d, "artifactId"))
                    && "dependencies".equals(d.getParentNode().getNodeName())
                    && "dependencyManagement".equals(d.getParentNode().getParentNode().getNodeName())) {
                return text(d, "version");
            }
        }
        return null;
    }

    private static String pluginVersion(Document pom, String artifactId) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (artifactId.equals(text(p, "artifactId")) && "plugins".equals(p.getParentNode().getNodeName())
                    && "pluginManagement".equals(p.getParentNode().getParentNode().getNodeName())) {
                return text(p, "version");
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
