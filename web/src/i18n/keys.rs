//! The list of string keys. A macro keeps the enum and [`Key::ALL`] in one list, so the
//! completeness test cannot forget a key.

macro_rules! keys {
    ($($(#[$doc:meta])* $key:ident),* $(,)?) => {
        /// One visible string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $($(#[$doc])* $key),*
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            /// The key's name, stored in `data-i18n` attributes.
            pub fn name(self) -> &'static str {
                match self {
                    $(Key::$key => stringify!($key)),*
                }
            }

            pub fn from_name(name: &str) -> Option<Key> {
                Key::ALL.iter().copied().find(|k| k.name() == name)
            }
        }
    };
}

keys! {
    AppName,
    Tagline,
    SwitchLanguage,
    SwitchLanguageLabel,
    // Landing page.
    LandingTitle,
    LandingIntro,
    SessionTitleLabel,
    SessionTitlePlaceholder,
    MethodLabel,
    CreateSession,
    Creating,
    TitleInvalid,
    RequestFailed,
    SessionReady,
    LinksIntro,
    LinkFacilitator,
    LinkFacilitatorHint,
    LinkParticipant,
    LinkParticipantHint,
    LinkObserver,
    LinkObserverHint,
    Copy,
    Copied,
    CopyFailed,
    CreateAnother,
    // Methods.
    MethodFree,
    MethodIncident,
    MethodGossip,
    MethodSocratic,
    MethodBalint,
    MethodCaseClinic,
    MethodLearningCircle,
    MethodMastercircleUrgentie,
    MethodMastercircleOpgave,
    MethodMastercircleOmslag,
    MethodMastercircleToekomst,
    MethodMastercircleOogst,
    // Roles, card kinds, locations.
    RoleFacilitator,
    RoleParticipant,
    RoleObserver,
    KindTheme,
    KindQuestion,
    KindAdvice,
    KindCase,
    KindMirror,
    KindInsight,
    KindAction,
    LocationRoom,
    LocationRemote,
    // Links and connection.
    LinkIncomplete,
    LinkInvalid,
    ConnConnecting,
    ConnConnected,
    ConnReconnecting,
    ConnOffline,
    ErrorVersion,
    ErrorUnauthorized,
    ErrorUnknownSession,
    ErrorKeyMismatch,
    ErrorRoomFull,
    ErrorProtocol,
    ErrorServer,
    RefusedReadOnly,
    RefusedFacilitatorOnly,
    RefusedNotYours,
    RefusedOther,
    // Join screen.
    JoinTitle,
    JoinIntro,
    NameLabel,
    NameInvalid,
    WhereLabel,
    JoinSubmit,
    // Board.
    BoardLabel,
    LoadingBoard,
    ReadOnlyNotice,
    SeatEmpty,
    SeatTake,
    SeatTakeLabel,
    SeatTakenBy,
    SeatYours,
    SeatHint,
    PresenceOnline,
    PresenceAway,
    You,
    Someone,
    RoomScreen,
    // Cards.
    AddCardTitle,
    CardKindLabel,
    CardTextLabel,
    CardTextPlaceholder,
    CardAdd,
    CardEmpty,
    CardTooLong,
    CardBy,
    CardEditLabel,
    Edit,
    Delete,
    Save,
    Cancel,
    ConfirmDelete,
    DragHint,
    AnnounceNewCard,
    // Side panel.
    WhoIsHere,
    NobodyHere,
    Dismiss,
    // Board views, undo, moving, hot seat, profile, room screen, join code.
    ViewSwitchLabel,
    ViewTable,
    ViewList,
    ViewRoom,
    Undo,
    Redo,
    UndoTitle,
    RedoTitle,
    Undone,
    Redone,
    CardDeleted,
    CardRestored,
    MoveCard,
    MoveCardTo,
    TableCentre,
    SeatNumber,
    SeatNumberName,
    HotSeat,
    CaseHolder,
    HotSeatBadge,
    TableSettingsTitle,
    SeatCountLabel,
    SeatCountOption,
    MeButtonLabel,
    MeTitle,
    LeaveSeat,
    NoSeatYet,
    YourSeatIs,
    ProfileSaved,
    ListTitle,
    GroupLabel,
    GroupByPlace,
    GroupByKind,
    NoCards,
    WriteCard,
    HereNow,
    RoomJoinTitle,
    RoomJoinHow,
    RoomQrLabel,
    RoomPhaseLabel,
    RoomTimerLabel,
    JoinCodeTitle,
    JoinCodeIntro,
    JoinCodeLabel,
    JoinCodeGo,
    JoinCodeUnknown,
    JoinCodeInvalid,
    LinkRoomScreen,
    LinkRoomScreenHint,
    JoinCodeShown,
    CardKeysHint,
    EditCard,
    DeleteCard,
    CardAria,
}
