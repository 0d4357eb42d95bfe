//! The board page's parts, each owning its piece of the DOM. None of them reads the
//! documents: the board ([`crate::board`]) projects the documents into plain values
//! and hands them over, and the views report what the person did through callbacks.

pub mod arc;
pub mod back_turned;
pub mod card_drag;
pub mod card_edit;
pub mod card_marks;
pub mod cards;
pub mod compose;
pub mod dialog;
pub mod facilitator;
pub mod harvest;
pub mod header;
pub mod join;
pub mod link_list;
pub mod links_panel;
pub mod list;
pub mod list_edit;
pub mod list_groups;
pub mod list_input;
pub mod list_item;
pub mod me_menu;
pub mod move_menu;
pub mod next_dialog;
pub mod notices;
pub mod phase_bar;
pub mod phase_form;
pub mod phase_steps;
pub mod place_list;
pub mod plan_editor;
pub mod presence;
pub mod private_strip;
pub mod profile_fields;
pub mod room;
pub mod room_controls;
pub mod room_spotlight;
pub mod seat_prompt;
pub mod skip_link;
pub mod sound_button;
pub mod spotlight_bar;
pub mod table;
pub mod table_chips;
pub mod table_settings;
pub mod text_width;
pub mod toolbar;
