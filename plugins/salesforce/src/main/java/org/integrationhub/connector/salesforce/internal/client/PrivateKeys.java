package org.integrationhub.connector.salesforce.internal.client;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA private key that signs the JWT bearer assertion from PEM text: PKCS#8 ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl req -newkey rsa:2048 -nodes} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older
 * {@code openssl genrsa}). Encrypted keys are refused with a message saying how to decrypt them. Messages never
 * contain key material.
 */
public final class PrivateKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PrivateKeys() {
    }

    /**
     * @param pem PEM text holding one private key (surrounding text such as a certificate is ignored)
     * @return the key
     * @throws IllegalArgumentException saying what is wrong with the text, without showing it
     */
    public static RSAPrivateKey parse(String pem) {
        Matcher m = PEM.matcher(pem == null ? "" : pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + type + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return rsa(der, type);
                case "RSA PRIVATE KEY":
                    return rsa(pkcs8(der), type);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("the private key is encrypted; store it unencrypted "
                            + "(openssl pkcs8 -topk8 -nocrypt -in key.pem) and protect the file or use env:");
                default:
                    // a CERTIFICATE next to the key: skip it
            }
        }
        throw new IllegalArgumentException("no PEM private key found (expected -----BEGIN PRIVATE KEY----- or "
                + "-----BEGIN RSA PRIVATE KEY-----)");
    }

    private static RSAPrivateKey rsa(byte[] pkcs8, String type) {
        try {
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (key.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("the RSA key has " + key.getModulus().bitLength()
                        + " bits; Salesforce needs at least 2048");
            }
            return key instanceof RSAPrivateCrtKey crt ? crt : key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the " + type + " block is not an RSA private key");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as octets). */
    static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(der(0x04, pkcs1));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
