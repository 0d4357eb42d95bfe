//! The task around one room's core (`core.rs`): it loads the documents, feeds the core
//! one command at a time, carries out the effects each command returns (storage, the
//! cluster), reads missed positions from the database when the core asks, and unloads
//! the room when it has been empty for a while. Everything that decides lives in the
//! core; this file only waits.

use std::pin::pin;

use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until};

use super::core::{RoomCore, RoomSetup};
use super::effect::Effect;
use super::registry::RoomRegistry;
use super::{JoinError, RoomCommand};
use crate::config::Limits;
use crate::storage::StoreHandle;
use ovaal_shared::SessionId;

pub struct RoomContext {
    pub session: SessionId,
    pub generation: u64,
    pub store: StoreHandle,
    pub registry: RoomRegistry,
    pub limits: std::sync::Arc<Limits>,
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
    /// Turns true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
}

pub async fn run_room(ctx: Box<RoomContext>, mut rx: mpsc::Receiver<RoomCommand>) {
    // Loading and the final compaction happen once: boxed, so that the task does not
    // keep room for them while the room is loaded.
    let loaded = match Box::pin(super::load::load(&ctx)).await {
        Ok(loaded) => loaded,
        Err(e) => {
            tracing::error!(session = %ctx.session, error = %e, "could not load room");
            ctx.registry.remove_if_current(&ctx.session, ctx.generation);
            refuse_remaining(&mut rx, e.into());
            return;
        }
    };
    tracing::debug!(session = %ctx.session, documents = loaded.docs.names().len(), "room loaded");
    // Boxed: the room's task keeps the size of its largest state for as long as the
    // room is loaded.
    let mut room = Box::new(RoomCore::new(
        RoomSetup {
            session: ctx.session.clone(),
            limits: ctx.limits.clone(),
            metrics: ctx.metrics.clone(),
            clustered: ctx.registry.cluster().is_some(),
        },
        loaded,
    ));
    // One watch per room rather than per connection: every open connection would
    // otherwise carry its own.
    let mut shutdown = pin!(shutting_down(ctx.shutdown.clone()));
    loop {
        let (unload_at, gap_read_at) = (room.unload_at(), room.gap_read_at());
        tokio::select! {
            command = rx.recv() => match command {
                Some(command) => room.handle(command),
                None => break,
            },
            _ = shutdown.as_mut(), if !room.is_shutting_down() => room.shut_down(),
            _ = sleep_until(gap_read_at.unwrap_or_else(Instant::now)), if gap_read_at.is_some() => {
                Box::pin(read_missed(&ctx, &mut room)).await;
            }
            _ = sleep_until(unload_at.unwrap_or_else(Instant::now)), if unload_at.is_some() => {
                break;
            }
        }
        // Before the next command: storage sees everything in the room's order.
        // Boxed, and only when there is something to do: the task would otherwise keep
        // room for a store call's state for as long as the room is loaded.
        if room.has_effects() {
            Box::pin(carry_out(&ctx, &mut room)).await;
        }
        if room.is_deleted() {
            break;
        }
    }
    // Unload: leave the registry first so new joins start a fresh room, then turn
    // away whatever raced in. Every update is already queued for storage, so the
    // fresh room loads it all; compaction tidies up in the background.
    ctx.registry.remove_if_current(&ctx.session, ctx.generation);
    refuse_remaining(&mut rx, JoinError::Unloading);
    if room.is_deleted() {
        tracing::debug!(session = %ctx.session, "room of a deleted session closed");
        return;
    }
    if let Err(e) = Box::pin(ctx.store.compact(&ctx.session)).await {
        tracing::warn!(session = %ctx.session, error = %e, "could not queue compaction");
    }
    tracing::debug!(session = %ctx.session, "room unloaded");
}

/// Carries out what the last command caused, in order. A deleted session's
/// departures are not recorded: its record is gone with it.
async fn carry_out(ctx: &RoomContext, room: &mut RoomCore) {
    let session = &ctx.session;
    let deleted = room.is_deleted();
    for effect in room.effects() {
        match effect {
            Effect::Store { append, ack } => {
                if let Err(e) = ctx.store.append(append, ack).await {
                    tracing::error!(%session, error = %e, "update not stored");
                }
            }
            Effect::AckInLine(ack) => {
                if let Err(e) = ctx.store.after_queued(ack).await {
                    tracing::error!(%session, error = %e, "acknowledgement lost");
                }
            }
            Effect::Attendance(_) if deleted => {}
            Effect::Attendance(event) => {
                if let Err(e) = ctx.store.record_attendance(event).await {
                    tracing::warn!(%session, error = %e, "attendance not recorded");
                }
            }
            Effect::PresenceOut { conn, update } => {
                if let Some(link) = ctx.registry.cluster() {
                    link.awareness(session, conn, &update);
                }
            }
            Effect::PresenceGone { conn } => {
                if let Some(link) = ctx.registry.cluster() {
                    link.awareness_gone(session, conn);
                }
            }
        }
    }
}

/// Reads from the database what was stored after the last position the room has,
/// and hands it to the room.
async fn read_missed(ctx: &RoomContext, room: &mut RoomCore) {
    let after = room.missed_after();
    match ctx.store.missed_since(&ctx.session, after).await {
        Ok(missed) => {
            if let Some(link) = ctx.registry.cluster() {
                link.stats().gap_read();
            }
            room.apply_missed(after, missed);
        }
        Err(e) => {
            tracing::warn!(session = %ctx.session, error = %e, "could not read missed updates");
            room.missed_read_failed();
        }
    }
}

/// Completes when the server starts shutting down (or its state is gone).
async fn shutting_down(mut shutdown: watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`; drop it before returning.
    let _ = shutdown.wait_for(|down| *down).await.is_ok();
}

fn refuse_remaining(rx: &mut mpsc::Receiver<RoomCommand>, why: JoinError) {
    rx.close();
    while let Ok(command) = rx.try_recv() {
        match command {
            RoomCommand::Join(request) => {
                let _ = request.reply.send(Err(why.clone()));
            }
            RoomCommand::Drain { done } => {
                let _ = done.send(());
            }
            // Nobody is connected to a room that is going away.
            RoomCommand::Frame(_)
            | RoomCommand::Leave { .. }
            | RoomCommand::RevokeLink { .. }
            | RoomCommand::RemoveParticipant { .. }
            | RoomCommand::End
            | RoomCommand::Delete
            | RoomCommand::Remote(_) => {}
        }
    }
}
