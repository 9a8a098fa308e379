package org.integrationhub.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The example connector's bundle (built by plugins/example) and copies of it: another Bundle-Version, another connector. */
final class ConnectorJar {

    /** The symbolic name of the {@link #dropIn drop-in copy}. */
    static final String DROP_IN_BSN = "org.integrationhub.connector.dropnotify";
    /** The factory PID of the drop-in copy's instances. */
    static final String DROP_IN_PID = "org.integrationhub.connector.dropnotify";
    /** The connector type of the drop-in copy. */
    static final String DROP_IN_TYPE = "drop-notify";

    private ConnectorJar() {
    }

    /** @return the built hub-plugin-example bundle (system property {@code hub.example.connector}, set by the pom) */
    static Path example() {
        String property = System.getProperty("hub.example.connector");
        Path jar = property == null ? null : Paths.get(property);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new AssertionError("build plugins/example first: no bundle at " + property);
        }
        return jar;
    }

    /**
     * Writes a copy of {@code jar} whose manifest says {@code Bundle-Version: version}: what fileinstall sees as
     * a new version of the same bundle.
     */
    static Path withVersion(Path jar, String version, Path target) throws IOException {
        return rewrite(jar, target, Map.of("Bundle-Version", version), Map.of());
    }

    /**
     * The example connector as a third-party plugin the distribution does not ship: a copy of its bundle in which
     * the symbolic name is {@value #DROP_IN_BSN}, the factory PID {@value #DROP_IN_PID} and the type
     * {@value #DROP_IN_TYPE} (the installed http-notify keeps its own). The names have the lengths of the originals,
     * so the class files' constants are replaced byte for byte and stay valid. Hot-deploy tests drop this copy into
     * deploy/, next to the http-notify the integration-hub feature installs.
     */
    static Path dropIn(Path target) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("org.integrationhub.connector.httpnotify", DROP_IN_PID);
        names.put("http-notify", DROP_IN_TYPE);
        return rewrite(example(), target, Map.of("Bundle-SymbolicName", DROP_IN_BSN,
                "Bundle-Name", "Drop-in copy of the example connector (" + DROP_IN_TYPE + ")"), names);
    }

    private static Path rewrite(Path jar, Path target, Map<String, String> headers, Map<String, String> names)
            throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            headers.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
            Files.createDirectories(target.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    byte[] content = in.readAllBytes();
                    for (Map.Entry<String, String> n : names.entrySet()) {
                        content = replace(content, n.getKey(), n.getValue());
                    }
                    out.write(content);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length in ASCII) in the bytes. */
    private static byte[] replace(byte[] content, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        if (f.length != t.length) {
            throw new IllegalArgumentException(from + " and " + to + " differ in length");
        }
        byte[] out = content.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                i += f.length - 1;
            }
        }
        return out;
    }

    /** @return the Bundle-Version in the manifest of {@code jar} */
    static String bundleVersion(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

}
