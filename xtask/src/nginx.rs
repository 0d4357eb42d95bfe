//! nginx as the cluster's load balancer: finding it (Debian's `nginx`, installed when
//! missing), and the configuration `cargo xtask cluster` runs it with.
//!
//! The configuration is what a real deployment needs in front of several Ovaal nodes
//! (the README's deployment section shows the same blocks): round-robin over the
//! nodes with no stickiness (any node serves any session), WebSocket upgrades passed
//! on (`proxy_http_version 1.1`, `Upgrade` and `Connection` headers), read timeouts
//! long enough for a quiet board, `X-Forwarded-For` for the per-address limits, and a
//! failed node taken out of the rotation so new connections go to the others.
//!
//! It runs without root: every path nginx writes (pid file, logs, the five temporary
//! directories) is inside the cluster's directory, given with `-p`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::apt;
use crate::shell::{announce, find_program};

/// The `nginx` binary, installing Debian's `nginx` first when there is none.
pub fn ensure_nginx() -> Result<PathBuf> {
    if let Some(path) = find() {
        announce(&format!("nginx is installed: {}", path.display()));
        return Ok(path);
    }
    announce("nginx is missing: installing Debian's nginx (the cluster's load balancer)");
    apt::install("Installing nginx", &["nginx"])
        .context("could not install nginx. Install the Debian package `nginx` and retry")?;
    find().context("apt-get reported success but no nginx was found")
}

fn find() -> Option<PathBuf> {
    find_program("nginx").or_else(|| {
        let sbin = Path::new("/usr/sbin/nginx");
        sbin.is_file().then(|| sbin.to_path_buf())
    })
}

/// What the configuration is made of.
pub struct Balancer<'a> {
    /// Where nginx listens (the address people open).
    pub listen: SocketAddr,
    /// The Ovaal nodes, in rotation.
    pub nodes: &'a [SocketAddr],
    /// nginx's prefix: logs, pid and temporary files go here.
    pub prefix: &'a Path,
}

/// nginx's configuration file for the cluster.
pub fn config(balancer: &Balancer<'_>) -> String {
    let prefix = balancer.prefix.display();
    let servers: String = balancer
        .nodes
        .iter()
        .map(|node| format!("        server {node} max_fails=1 fail_timeout=5s;\n"))
        .collect();
    format!(
        "\
# Written by `cargo xtask cluster`: nginx as a round-robin load balancer in front of
# the Ovaal nodes, running without root (every path below is in the cluster directory).
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log notice;

events {{
    worker_connections 4096;
}}

http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    # A WebSocket request carries `Upgrade`: pass `Connection: upgrade` on; any other
    # request keeps its upstream connection alive for reuse.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

    # Round robin, no stickiness: any node serves any session. A node that fails a
    # request is left out for a few seconds.
    upstream ovaal {{
{servers}        keepalive 32;
    }}

    server {{
        listen {listen};

        # The session's export and import bodies; larger is refused by the nodes.
        client_max_body_size 16m;

        location / {{
            proxy_pass http://ovaal;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A board can be quiet for minutes; the client pings well within this.
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            # A node that is down or restarting: try the next one (not for requests
            # that may have changed something: nginx retries only idempotent ones).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_buffering off;
        }}

        # Each node's figures are scraped from the node itself, not through here.
        location = /metrics {{
            return 404;
        }}
    }}
}}
",
        listen = balancer.listen,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::CommandExt;

    /// A fresh directory under the system's temporary directory, removed on drop.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_cluster_configuration_passes_nginx_own_check() {
        let nginx = find().expect(
            "nginx is not installed: `cargo xtask test` installs Debian's nginx for this check",
        );
        let dir =
            Scratch(std::env::temp_dir().join(format!("ovaal-nginx-check-{}", std::process::id())));
        std::fs::create_dir_all(&dir.0).unwrap();
        let nodes: Vec<SocketAddr> = ["127.0.0.1:18081", "127.0.0.1:18082", "127.0.0.1:18083"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        let text = config(&Balancer {
            listen: "127.0.0.1:18080".parse().unwrap(),
            nodes: &nodes,
            prefix: &dir.0,
        });
        for node in &nodes {
            assert!(text.contains(&format!("server {node} ")), "{text}");
        }
        let file = dir.0.join("nginx.conf");
        std::fs::write(&file, &text).unwrap();
        let output = std::process::Command::new(nginx)
            .arg("-t")
            .arg("-p")
            .arg(&dir.0)
            .arg("-e")
            .arg(dir.0.join("error.log"))
            .arg("-c")
            .arg(&file)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "nginx -t refused it:\n{said}\n{text}"
        );
        assert!(said.contains("test is successful"), "{said}");
    }

    /// A stand-in for a node: answers each connection once, with 101 to a WebSocket
    /// upgrade (only if nginx passed `Upgrade` and `Connection` on) and with 200 to
    /// anything else, until `done`; returns the request lines it served.
    fn fake_node(
        done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> (SocketAddr, std::thread::JoinHandle<Vec<String>>) {
        use std::io::{BufRead, BufReader, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let served = std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !done.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                };
                let mut stream = stream;
                stream.set_nonblocking(false).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    head.push(line.trim().to_ascii_lowercase());
                }
                let upgrade = head.iter().any(|h| h == "upgrade: websocket")
                    && head.iter().any(|h| h == "connection: upgrade");
                let answer = if upgrade {
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                };
                let _ = stream.write_all(answer.as_bytes());
                seen.push(head.first().cloned().unwrap_or_default());
            }
            seen
        });
        (address, served)
    }

    fn ask(address: SocketAddr, request: &str) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    #[test]
    fn nginx_passes_websocket_upgrades_round_robin_and_hides_metrics() {
        let nginx = find().expect(
            "nginx is not installed: `cargo xtask test` installs Debian's nginx for this check",
        );
        let dir =
            Scratch(std::env::temp_dir().join(format!("ovaal-nginx-run-{}", std::process::id())));
        std::fs::create_dir_all(&dir.0).unwrap();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let ((a, served_a), (b, served_b)) = (fake_node(done.clone()), fake_node(done.clone()));
        let listen = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let file = dir.0.join("nginx.conf");
        std::fs::write(
            &file,
            config(&Balancer {
                listen,
                nodes: &[a, b],
                prefix: &dir.0,
            }),
        )
        .unwrap();
        let mut child = std::process::Command::new(nginx)
            .arg("-p")
            .arg(&dir.0)
            .arg("-e")
            .arg(dir.0.join("error.log"))
            .arg("-c")
            .arg(&file)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(listen).is_err() {
            assert!(std::time::Instant::now() < deadline, "nginx did not listen");
            assert!(child.try_wait().unwrap().is_none(), "nginx exited");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let metrics = ask(
            listen,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        let upgrade = ask(
            listen,
            "GET /api/sessions/s/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        );
        let plain = ask(
            listen,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        // SIGTERM: the master stops its worker too (SIGKILL would orphan it).
        crate::cluster::terminate(&mut child, std::time::Duration::from_secs(10));
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(metrics.starts_with("HTTP/1.1 404"), "{metrics}");
        assert!(
            upgrade.starts_with("HTTP/1.1 101"),
            "the upgrade did not pass: {upgrade}"
        );
        assert!(plain.starts_with("HTTP/1.1 200"), "{plain}");
        // One request each, in turn: the upgrade went to one node, the plain request
        // to the other.
        let (seen_a, seen_b) = (served_a.join().unwrap(), served_b.join().unwrap());
        assert_eq!(seen_a.len() + seen_b.len(), 2, "{seen_a:?} {seen_b:?}");
        assert_eq!(
            (seen_a.len(), seen_b.len()),
            (1, 1),
            "not round robin: {seen_a:?} {seen_b:?}"
        );
    }

    #[test]
    fn websocket_upgrades_and_long_reads_are_configured() {
        let nodes: Vec<SocketAddr> = vec!["127.0.0.1:1".parse().unwrap()];
        let text = config(&Balancer {
            listen: "127.0.0.1:2".parse().unwrap(),
            nodes: &nodes,
            prefix: Path::new("/x"),
        });
        for needed in [
            "proxy_http_version 1.1;",
            "proxy_set_header Upgrade $http_upgrade;",
            "proxy_set_header Connection $connection_upgrade;",
            "proxy_read_timeout 1h;",
            "pid /x/nginx.pid;",
            "client_body_temp_path /x/client_body;",
        ] {
            assert!(text.contains(needed), "missing {needed:?}:\n{text}");
        }
        assert!(!text.contains("ip_hash") && !text.contains("sticky"));
    }
}
