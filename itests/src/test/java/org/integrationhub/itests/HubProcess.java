package org.integrationhub.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution run as an operator runs it: unpacked, configured through etc/ files, started with
 * {@code bin/karaf server}, driven over HTTP and {@code bin/client}, and stopped hard ({@code kill -9}) or softly.
 */
public final class HubProcess {

    private static final Pattern KEY = Pattern.compile("key:\\s+(hub_[A-Za-z0-9_-]+)");

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Process process;

    private HubProcess(Path home) throws IOException {
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
    }

    /** @return the HTTP port this hub listens on (written to etc/org.ops4j.pax.web.cfg at unpack) */
    public int httpPort() {
        return httpPort;
    }

    /** Unpacks the distribution archive into {@code dir} (emptied first). */
    public static HubProcess unpack(Path archive, Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()), null);
        }
        Files.createDirectories(dir);
        run(List.of("tar", "xzf", archive.toString(), "-C", dir.toString(), "--strip-components=1"), null);
        return new HubProcess(dir);
    }

    /** Points the hub at a PostgreSQL schema instead of the embedded H2. */
    public HubProcess usePostgres(String jdbcUrl, String user) throws IOException {
        Files.writeString(home.resolve("etc/org.ops4j.datasource-hub.cfg"), String.join("\n",
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "url = " + jdbcUrl,
                "user = " + user,
                "password =",
                "dataSourceName = hub",
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 10", ""));
        return this;
    }

    /** Sets an environment variable of the hub's process from its next start on (e.g. for {@code env:NAME} secrets). */
    public HubProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public HubProcess start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().putAll(environment);
        process = pb.start();
        return this;
    }

    public HubHttp http() {
        return new HubHttp(httpPort);
    }

    /** kill -9 of the whole process tree: no shutdown hook, no flush, nothing graceful. */
    public void killHard() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** Asks Karaf to stop (SIGTERM) and waits. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            killHard();
        }
    }

    /** Runs shell commands through {@code bin/client} as the first-boot admin; returns the output. */
    public String client(String commands) throws IOException, InterruptedException {
        Path passwordFile = home.resolve("etc/initial-admin-password");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(passwordFile) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String password = Files.readString(passwordFile).trim();
        return run(List.of(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-h", "127.0.0.1",
                "-u", "admin", "-p", password, "-r", "30", "-b"), commands + "\n");
    }

    /** Creates an API key with {@code hub:apikey-create} and returns it. */
    public String createKey(String name, String... options) throws IOException, InterruptedException {
        String out = client("hub:apikey-create " + name + " " + String.join(" ", options));
        Matcher m = KEY.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no key in: " + out);
        }
        return m.group(1);
    }

    public Path home() {
        return home;
    }

    private void setProperty(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(p));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.startsWith(key + " ") || l.startsWith(key + "=")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(p, lines);
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command.get(0));
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
