//! The board page's parts, each owning its piece of the DOM. None of them reads the
//! documents: the board ([`crate::board`]) projects the documents into plain values
//! and hands them over, and the views report what the person did through callbacks.

pub mod card_drag;
pub mod card_edit;
pub mod cards;
pub mod compose;
pub mod header;
pub mod join;
pub mod list;
pub mod me_menu;
pub mod move_menu;
pub mod notices;
pub mod presence;
pub mod room;
pub mod table;
pub mod table_settings;
pub mod toolbar;
