//! English strings of facilitation and the harvest (split from `en.rs` to keep
//! files short; the completeness test covers both).

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::PhaseNone => "No phase has started yet.",
        Key::PhaseStep => "Phase {n} of {total}",
        Key::PhaseInstructionMore => "more",
        Key::PhaseInstructionLess => "less",
        Key::MayWriteNow => "You may write now:",
        Key::PhasePrev => "Previous phase",
        Key::PhaseNext => "Next phase",
        Key::PhaseJumpLabel => "Go to phase {n}: {name}",
        Key::AnnouncePhase => "Phase: {name}. {instruction}",
        Key::PhasePrivateBadge => "private",
        Key::PhaseRevealedBadge => "revealed",
        Key::CurrentPhaseMark => "now",
        Key::TimerLabel => "Timer",
        Key::TimerStart => "Start",
        Key::TimerResume => "Resume",
        Key::TimerPause => "Pause",
        Key::TimerReset => "Stop",
        Key::TimerAdd1 => "+1 min",
        Key::TimerAdd5 => "+5 min",
        Key::TimerAdd1Label => "Add one minute",
        Key::TimerAdd5Label => "Add five minutes",
        Key::TimerIdle => "not started",
        Key::TimerPaused => "paused",
        Key::TimerDone => "Time is up",
        Key::TimerDoneAnnounce => "Time is up for {phase}.",
        Key::TimerRemaining => "time left",
        Key::PrivateNotice => {
            "Private round: only you see your cards until the facilitator reveals them."
        }
        Key::PrivateRevealedNotice => "This round has been revealed: everyone sees its cards.",
        Key::ReadyToggle => "I'm ready",
        Key::ReadyCount => "{ready}/{total} ready",
        Key::Reveal => "Reveal",
        Key::AnnounceReveal => "The cards of {phase} are revealed.",
        Key::OnlyYou => "🔒 only you see this",
        Key::CaseholderListensNote => {
            "You are the case-holder and listen in this phase: the others write, you take it in."
        }
        Key::RefusedLocked => "The facilitator has locked the board.",
        Key::RefusedListens => "The case-holder listens in this phase and adds no cards.",
        Key::RefusedNotCaseholder => "Only the case-holder labels the cards.",
        Key::RefusedSponsor => "Sponsors take part in other phases: you can write again later.",
        Key::RefusedEnded => {
            "This session has ended: the board can be read and exported, not changed."
        }
        Key::RefusedTooFast => "Not saved: too many changes at once. Wait a moment and try again.",
        Key::RefusedInvalid => "Not saved: this change does not fit the board.",
        Key::RefusedMissingHistory => {
            "Not saved: this page is behind the board. Reload the page and try again."
        }
        Key::RefusedTooManyCards => {
            "Not saved: you have written the most cards one person can have. Remove one first."
        }
        Key::RefusedDocumentFull => {
            "Not saved: your part of the board is full. Remove cards to make room."
        }
        Key::RefusedSessionFull => {
            "Not saved: this session's board is full. Ask the facilitator to tidy it up."
        }
        Key::RefusedNotPrivateRound => "Not saved: private notes belong to a private round.",
        Key::BackTurnedTitle => "Listening — take notes",
        Key::BackTurnedIntro => {
            "You sit with your back to the group and listen. Only you see your notes."
        }
        Key::NoteLabel => "Note",
        Key::NoteAdd => "Add note",
        Key::NotesTitle => "Your notes",
        Key::NoNotes => "No notes yet.",
        Key::LabelGroup => "How did this question land?",
        Key::MarkUseful => "Useful",
        Key::MarkUsefulLabel => "Mark this advice as useful",
        Key::HotSeatTitle => "Hot seat",
        Key::HotSeatPut => "Put {name} in the hot seat",
        Key::HotSeatClear => "Clear the hot seat",
        Key::HotSeatNobody => "Nobody has taken a seat yet.",
        Key::AnnounceHotSeat => "{name} is now in the hot seat.",
        Key::AnnounceHotSeatEmpty => "The hot seat is empty.",
        Key::FacilitatorTitle => "Facilitation",
        Key::LockBoard => "Lock the board",
        Key::HideNames => "Hide author names",
        Key::ParticipantsExport => "Participants may download the harvest",
        Key::SponsorPhasesTitle => "Sponsors may write in",
        Key::SponsorAll => "every phase",
        Key::LockedBanner => "The board is locked: only the facilitator changes it now.",
        Key::PlanEdit => "Edit the plan",
        Key::PlanTitle => "The plan",
        Key::PlanMoveUp => "Move up",
        Key::PlanMoveDown => "Move down",
        Key::PlanAddPhase => "Add a phase",
        Key::PhaseFormNew => "New phase",
        Key::PhaseFormEdit => "Edit phase: {name}",
        Key::PhaseNameNl => "Name (Dutch)",
        Key::PhaseNameEn => "Name (English)",
        Key::PhaseInstructionNl => "Instruction (Dutch)",
        Key::PhaseInstructionEn => "Instruction (English)",
        Key::PhaseKindsLabel => "Card kinds that may be written",
        Key::PhaseCaseholderLabel => "The case-holder",
        Key::CaseholderSpeaks => "speaks along",
        Key::CaseholderListens => "listens (adds no cards)",
        Key::CaseholderBackTurned => "sits back-turned and takes notes",
        Key::PhasePrivateLabel => "Private writing, revealed later",
        Key::PhaseMinutesLabel => "Minutes",
        Key::PhaseSave => "Save phase",
        Key::PlanNoName => "A phase needs a name.",
        Key::PlanNoKinds => "Choose at least one card kind.",
        Key::PlanRemovingCurrent => "The current phase cannot be removed.",
        Key::PlanLastPhase => "A plan needs at least one phase.",
        Key::Close => "Close",
        Key::LinksTitle => "People & links",
        Key::LinksLoading => "Loading the links…",
        Key::LinksFailed => "The links could not be loaded: {reason}",
        Key::LinksRefresh => "Refresh",
        Key::LinkCreateRole => "Role for a new link",
        Key::LinkLabelField => "Label (optional)",
        Key::LinkCreate => "Make link",
        Key::LinkCreatedNote => "Copy this link now: it is shown only once.",
        Key::LinkRevoke => "Revoke",
        Key::LinkRevokeLabel => "Revoke the link {label}",
        Key::LinkRevokeConfirm => "Revoke this link? Everyone using it is disconnected at once.",
        Key::LinkRevoked => "The link has been revoked.",
        Key::LinkThisPage => "the link of this page",
        Key::LinkJoinCode => "Join code",
        Key::ActionFailed => "That did not work: {reason}",
        Key::PeopleTitle => "People in this session",
        Key::RemovePerson => "Remove",
        Key::RemovePersonLabel => "Remove {name} from the session",
        Key::RemovePersonConfirm => {
            "Remove {name} from this session? Their cards stay; they cannot come back under this identity."
        }
        Key::PersonRemoved => "{name} has been removed.",
        Key::ExportIntro => "Download the board",
        Key::ExportLabel => "Download the harvest as {format}",
        Key::ExportStarted => "The download has started.",
        Key::CaseholderHarvestIntro => {
            "Your own harvest as case-holder: your case, your labelled questions, the advice you found useful and your actions"
        }
        Key::CaseholderHarvestLabel => "Download my harvest as {format}",
        Key::EndSession => "End session",
        Key::EndConfirm => {
            "End the session? Nobody can write any more, you neither; the board stays readable and can be exported."
        }
        Key::EndedBanner => "This session has ended — the board is read-only.",
        Key::DeleteSession => "Delete session permanently",
        Key::DeleteConfirmText => {
            "This deletes the board, its cards and its links for good. Type the session title to confirm:"
        }
        Key::DeleteConfirmButton => "Delete permanently",
        Key::DeleteMismatch => "That is not the session title.",
        Key::DeletedPage => {
            "This session has been deleted. Its board, cards and links no longer exist."
        }
        Key::NextSession => "Start next session",
        Key::NextTitleLabel => "Title of the next session",
        Key::NextCarryTitle => "Cards to take along",
        Key::NextCarryHint => {
            "Ticked to begin with: themes, actions and the advice the case-holder found useful. Cards carried over from earlier sessions always come along."
        }
        Key::NextOtherCards => "Other cards",
        Key::NextNoCards => "This session has no cards of its own.",
        Key::NextCreate => "Create the next session",
        Key::NextCreated => "The next session is ready. Share its links:",
        Key::CarriedFrom => "from {title}",
        Key::CarriedGroup => "From earlier sessions",
        Key::ArcTitle => "The arc",
        Key::ArcThis => "this session",
        Key::ArcEnded => "ended",
        Key::Saved => "Saved",
        Key::NotSaved => "Not yet saved",
        Key::AnnounceNewCardAnon => "New {kind} card: {text}",
        Key::ConfirmTitle => "Are you sure?",
        Key::JoinCodeTooMany => {
            "Too many wrong codes from this network. Wait a minute, or scan the QR code on \
             the room screen."
        }
        Key::ImportTitle => "Continue from a harvest",
        Key::ImportIntro => {
            "Kept the JSON export of an earlier session? Open it as a new board with new \
             links. There, “Start next session” carries its themes and actions into the next \
             meeting."
        }
        Key::ImportLabel => "Harvest file (.json)",
        Key::ImportGo => "Open as new board",
        Key::ImportNoFile => "Choose the JSON file of an Ovaal export first.",
        Key::ImportTooLarge => "This file is too large for an Ovaal export (at most 16 MiB).",
        Key::ImportRejected => "Ovaal cannot open this file:",
        Key::CreateTokenTitle => "This server asks for a creation key",
        Key::CreateTokenNeeded => {
            "Only people with the key of whoever runs this Ovaal can start sessions here. \
             Type it once: this browser remembers it."
        }
        Key::CreateTokenWrong => {
            "That is not this server's creation key. Check it with whoever runs this Ovaal \
             and type it again."
        }
        Key::CreateTokenLabel => "Creation key",
        Key::CreateTokenSave => "Use this key",
        Key::CreateTooMany => {
            "Many sessions have just been started from this network. Wait a minute and try \
             again."
        }
        Key::ImportReading => "Reading the file…",
        Key::ImportSending => "Creating the board…",
        Key::HotSeatShort => "hot seat",
        Key::ChipMoreLabel => "{n} more cards at {place} — show them",
        Key::ChipEarlierLabel => "{n} cards from earlier phases at {place} — show them",
        Key::PlaceCards => "Cards at this place",
        Key::PlaceOpenLabel => "{place}: show its {n} cards",
        Key::PlaceEmpty => "No cards here yet.",
        Key::MoveUp => "Move up (earlier in this place)",
        Key::MoveDown => "Move down (later in this place)",
        Key::MovedUp => "Card moved up.",
        Key::MovedDown => "Card moved down.",
        _ => super::en_room::text(key),
    }
}
