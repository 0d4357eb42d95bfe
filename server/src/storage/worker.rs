//! The storage thread and its async handle. SQLite calls block, so they run on one
//! dedicated thread that owns the backend; everyone else sends it commands. Appends
//! that queue up while a transaction commits are written together in the next one,
//! which keeps the write rate flat under load (group commit).

use std::thread::JoinHandle;

use tokio::sync::{mpsc, oneshot};

use super::{AppendUpdate, KeyCheck, SessionRecord, Storage, StorageError, StoredDoc};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

/// Most appends committed in one transaction.
const MAX_BATCH: usize = 1024;
const QUEUE: usize = 8192;

type Reply<T> = oneshot::Sender<Result<T, StorageError>>;

enum Command {
    CreateSession {
        session: SessionRecord,
        tokens: Vec<(Role, [u8; 32])>,
        initial: Vec<(DocName, Vec<u8>)>,
        reply: Reply<()>,
    },
    Session {
        id: SessionId,
        reply: Reply<Option<SessionRecord>>,
    },
    SessionForToken {
        hash: [u8; 32],
        reply: Reply<Option<(SessionId, Role)>>,
    },
    RoleForToken {
        id: SessionId,
        hash: [u8; 32],
        reply: Reply<Option<Role>>,
    },
    CheckKey {
        id: SessionId,
        participant: ParticipantId,
        hash: [u8; 32],
        reply: Reply<KeyCheck>,
    },
    Append(AppendUpdate),
    Load {
        id: SessionId,
        reply: Reply<Vec<(DocName, StoredDoc)>>,
    },
    Compact {
        id: SessionId,
    },
    /// Answers once every command sent before it has been carried out.
    Flush {
        reply: oneshot::Sender<()>,
    },
}

/// Cheap to clone; every clone talks to the same storage thread.
#[derive(Clone)]
pub struct StoreHandle {
    tx: mpsc::Sender<Command>,
}

/// Owns the thread; [`StoreThread::join`] waits until everything queued is written.
pub struct StoreThread {
    handle: JoinHandle<()>,
}

impl StoreThread {
    /// Waits for the thread to finish. It finishes once every [`StoreHandle`] is
    /// dropped and the queue is drained.
    pub fn join(self) {
        if self.handle.join().is_err() {
            tracing::error!("the storage thread panicked");
        }
    }
}

/// Starts the storage thread for a backend.
pub fn spawn(storage: Box<dyn Storage>) -> (StoreHandle, StoreThread) {
    let (tx, rx) = mpsc::channel(QUEUE);
    let handle = std::thread::Builder::new()
        .name("ovaal-storage".into())
        .spawn(move || run(storage, rx))
        .unwrap_or_else(|e| {
            // Without a storage thread the server cannot keep anything; failing to
            // start is only possible at boot, never on network input.
            panic!("cannot start the storage thread: {e}")
        });
    (StoreHandle { tx }, StoreThread { handle })
}

fn run(mut storage: Box<dyn Storage>, mut rx: mpsc::Receiver<Command>) {
    let mut next = rx.blocking_recv();
    while let Some(command) = next.take() {
        match command {
            Command::Append(first) => {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(Command::Append(more)) => batch.push(more),
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                if let Err(e) = storage.append(&batch) {
                    tracing::error!(error = %e, updates = batch.len(), "could not store updates");
                }
            }
            other => execute(storage.as_mut(), other),
        }
        if next.is_none() {
            next = rx.blocking_recv();
        }
    }
    tracing::debug!("storage thread finished");
}

fn execute(storage: &mut dyn Storage, command: Command) {
    // A dropped reply receiver only means the asker went away; nothing to do.
    match command {
        Command::CreateSession {
            session,
            tokens,
            initial,
            reply,
        } => {
            let _ = reply.send(storage.create_session(&session, &tokens, &initial));
        }
        Command::Session { id, reply } => {
            let _ = reply.send(storage.session(&id));
        }
        Command::SessionForToken { hash, reply } => {
            let _ = reply.send(storage.session_for_token(&hash));
        }
        Command::RoleForToken { id, hash, reply } => {
            let _ = reply.send(storage.role_for_token(&id, &hash));
        }
        Command::CheckKey {
            id,
            participant,
            hash,
            reply,
        } => {
            let _ = reply.send(storage.check_participant_key(&id, &participant, &hash));
        }
        Command::Load { id, reply } => {
            let _ = reply.send(storage.load(&id));
        }
        Command::Compact { id } => {
            if let Err(e) = storage.compact(&id) {
                tracing::error!(session = %id, error = %e, "compaction failed");
            }
        }
        Command::Flush { reply } => {
            let _ = reply.send(());
        }
        Command::Append(update) => {
            if let Err(e) = storage.append(std::slice::from_ref(&update)) {
                tracing::error!(error = %e, "could not store an update");
            }
        }
    }
}

impl StoreHandle {
    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Command) -> Result<T, StorageError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(make(reply))
            .await
            .map_err(|_| StorageError::WorkerGone)?;
        answer.await.map_err(|_| StorageError::WorkerGone)?
    }

    pub async fn create_session(
        &self,
        session: SessionRecord,
        tokens: Vec<(Role, [u8; 32])>,
        initial: Vec<(DocName, Vec<u8>)>,
    ) -> Result<(), StorageError> {
        self.ask(|reply| Command::CreateSession {
            session,
            tokens,
            initial,
            reply,
        })
        .await
    }

    pub async fn session(&self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        let id = id.clone();
        self.ask(|reply| Command::Session { id, reply }).await
    }

    pub async fn session_for_token(
        &self,
        hash: [u8; 32],
    ) -> Result<Option<(SessionId, Role)>, StorageError> {
        self.ask(|reply| Command::SessionForToken { hash, reply })
            .await
    }

    pub async fn role_for_token(
        &self,
        id: &SessionId,
        hash: [u8; 32],
    ) -> Result<Option<Role>, StorageError> {
        let id = id.clone();
        self.ask(|reply| Command::RoleForToken { id, hash, reply })
            .await
    }

    pub async fn check_participant_key(
        &self,
        id: &SessionId,
        participant: &ParticipantId,
        hash: [u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        let (id, participant) = (id.clone(), participant.clone());
        self.ask(|reply| Command::CheckKey {
            id,
            participant,
            hash,
            reply,
        })
        .await
    }

    pub async fn load(&self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
        let id = id.clone();
        self.ask(|reply| Command::Load { id, reply }).await
    }

    /// Queues an update for the next group commit.
    pub async fn append(&self, update: AppendUpdate) -> Result<(), StorageError> {
        self.tx
            .send(Command::Append(update))
            .await
            .map_err(|_| StorageError::WorkerGone)
    }

    /// Queues a background compaction of a session.
    pub async fn compact(&self, id: &SessionId) -> Result<(), StorageError> {
        self.tx
            .send(Command::Compact { id: id.clone() })
            .await
            .map_err(|_| StorageError::WorkerGone)
    }

    /// Waits until everything queued before this call is written.
    pub async fn flush(&self) -> Result<(), StorageError> {
        let (reply, done) = oneshot::channel();
        self.tx
            .send(Command::Flush { reply })
            .await
            .map_err(|_| StorageError::WorkerGone)?;
        done.await.map_err(|_| StorageError::WorkerGone)
    }
}
