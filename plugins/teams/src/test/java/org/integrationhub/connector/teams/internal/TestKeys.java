package org.integrationhub.connector.teams.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test RSA key pair standing in for Bot Framework's signing key: publishes itself as a JWKS (with Teams'
 * endorsement) and signs RS256 tokens with the claims Bot Framework puts into a request's bearer token.
 */
final class TestKeys {

    static final String ISSUER = "https://api.botframework.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String kid;
    final KeyPair pair;

    TestKeys(String kid) {
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the JWKS document of the given keys, each endorsed for msteams */
    static String jwks(TestKeys... keys) {
        return jwks(true, keys);
    }

    /** @return the JWKS document of the given keys with no {@code endorsements} (a plain OpenID key set) */
    static String jwksWithoutEndorsements(TestKeys... keys) {
        return jwks(false, keys);
    }

    private static String jwks(boolean endorsed, TestKeys... keys) {
        ObjectNode doc = JSON.createObjectNode();
        for (TestKeys k : keys) {
            RSAPublicKey pub = (RSAPublicKey) k.pair.getPublic();
            ObjectNode jwk = doc.withArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("kid", k.kid)
                    .put("x5t", k.kid).put("n", b64(pub.getModulus())).put("e", b64(pub.getPublicExponent()));
            if (endorsed) {
                jwk.putArray("endorsements").add("msteams").add("webchat");
            }
        }
        return doc.toString();
    }

    /** @return claims as Bot Framework issues them for a request to the bot, valid for an hour from now */
    static ObjectNode claims(String appId, String serviceUrl) {
        long now = Instant.now().getEpochSecond();
        return JSON.createObjectNode().put("serviceurl", serviceUrl).put("nbf", now - 10).put("exp", now + 3600)
                .put("iss", ISSUER).put("aud", appId);
    }

    /** @return "Bearer <RS256 JWT>" over the claims, signed with this key */
    String bearer(ObjectNode claims) {
        return "Bearer " + sign(JSON.createObjectNode().put("alg", "RS256").put("kid", kid).put("typ", "JWT"), claims);
    }

    String sign(ObjectNode header, ObjectNode claims) {
        String input = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(pair.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> parts(String bearer) {
        return List.of(bearer.substring(7).split("\\."));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return b64(bytes);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
