package dev.contentmix.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway TLS material for a broker on 127.0.0.1, made at run time with the JDK's {@code keytool}
 * (nothing downloaded, nothing checked in): a CA, a server certificate it signed for
 * {@code 127.0.0.1} and {@code localhost}, the broker's PKCS12 keystore (key and chain) and the
 * clients' trust in two forms, a PKCS12 truststore and the CA as a PEM file.
 *
 * @param keystore   the broker's PKCS12 keystore
 * @param truststore PKCS12 truststore holding the CA
 * @param caPem      the CA certificate, PEM
 * @param password   password of both stores (and of the key)
 */
public record TestTls(Path keystore, Path truststore, Path caPem, String password) {

    public static TestTls generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        String pw = "store-" + UUID.randomUUID();
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("broker.p12");
        Path csr = dir.resolve("broker.csr");
        Path signed = dir.resolve("broker.crt");
        // EC keys: generated in milliseconds, where RSA would dominate the test's start-up; the two
        // key pairs are independent, so their keytool processes run side by side
        Process caKey = keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=contentmix test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", pw);
        Process serverKey = keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12",
                "-storepass", pw);
        await(caKey, "-genkeypair");
        await(serverKey, "-genkeypair");
        run("-certreq", "-alias", "broker", "-keystore", server.toString(), "-storepass", pw,
                "-file", csr.toString());
        // clients verify the host name (ssl.endpoint.identification.algorithm=https), so the address is in the SAN
        run("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth",
                "-validity", "2", "-rfc");

        // the rest is plain KeyStore work, done in this JVM rather than three more keytool processes
        char[] secret = pw.toCharArray();
        KeyStore caStore = load(ca, secret);
        Certificate caCert = caStore.getCertificate("ca");
        Certificate serverCert;
        try (InputStream in = Files.newInputStream(signed)) {
            serverCert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore serverStore = load(server, secret);
        PrivateKey key = (PrivateKey) serverStore.getKey("broker", secret);
        serverStore.setKeyEntry("broker", key, secret, new Certificate[] {serverCert, caCert});
        store(serverStore, server, secret);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("contentmix-test-ca", caCert);
        Path truststore = dir.resolve("truststore.p12");
        store(trust, truststore, secret);

        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCert.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return new TestTls(server, truststore, pem, pw);
    }

    /** Never the password: records print their fields. */
    @Override
    public String toString() {
        return "TestTls[" + keystore.getParent() + "]";
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static void store(KeyStore ks, Path file, char[] password) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
    }

    private static void run(String... args) throws IOException, InterruptedException {
        await(keytool(args), args[0]);
    }

    private static Process keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived JVM: the C1 compiler and the serial collector halve its start-up on a busy machine
        cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Duser.language=en"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return p;
    }

    private static void await(Process p, String what) throws IOException, InterruptedException {
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool " + what + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + what + " failed: "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
    }
}
