package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @Test
    void keyFileIsCreatedOwnerOnlyAndSecretsRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("etc/hub-webhook-secrets.key");
        SecretBox box = SecretBox.fromFile(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String secret = SecretBox.newSecret(32);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        String stored = box.encrypt(secret);
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));
        assertThat(box.encrypt(secret)).isNotEqualTo(stored); // fresh IV each time
        assertThat(SecretBox.fromFile(file).decrypt(stored)).isEqualTo(secret);
        assertThatThrownBy(() -> new SecretBox(new byte[32]).decrypt(stored)).hasMessageContaining("wrong key");
    }
}
