//! Points of impact: where an action takes effect, rather than a step on the way to it.
//!
//! A tool that writes into a modelled store has its effect in that store, where the store's own
//! findings (poisoning, tampering) and any chain through it follow it; a commit tool that pushes
//! to a code host that deploys is a step of the chain to the deployment. A swap tool that asks
//! the wallet to sign has its payment carried out by the wallet. Reporting each of these as its
//! own point of impact would file one risk several times, so the chain and tool-misuse
//! analyses stop only where the effect lands: at an action that passes nothing further into
//! the model.
//!
//! A write, or an action whose side effect the model leaves unset, lands where it is passed on
//! when it is passed on to any modelled element but a person, a console or a log (those are told
//! about it); any other side effect (execute, pay,
//! communicate) lands where it is passed on only when the next element has the same side effect.

use crate::context::{Context, Side};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;

/// The element the action of `e` is carried on to, if it is a step rather than a point of
/// impact; `None` when its effect lands at `e`.
pub(crate) fn step(cx: &Context, e: usize) -> Option<usize> {
    if !cx.has(e, KindTrait::Actor) {
        return None;
    }
    let effect = |e: usize| match cx.stated_or_kind_default(e, "side_effect") {
        Some(PropertyValue::Text(t)) => Some(t.as_str()),
        _ => None,
    };
    // What it tells people, consoles and logs (an approval request, an audit entry) is not where
    // its effect lands.
    let mut onward = cx.hops_out[e].iter().map(|&h| &cx.hops[h]).filter(|hop| {
        hop.side != Side::Answer
            && hop.to != e
            && !cx.has(hop.to, KindTrait::Person)
            && !cx.has(hop.to, KindTrait::Observer)
    });
    match effect(e) {
        None | Some("write") => onward.next().map(|hop| hop.to),
        Some(own) => {
            onward.find(|hop| cx.has(hop.to, KindTrait::Actor) && effect(hop.to) == Some(own)).map(|hop| hop.to)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, index, text, with_context};

    #[test]
    fn a_write_into_a_modelled_store_is_a_step_and_a_write_out_of_the_model_is_not() {
        let model = build()
            .el("remember", "tool", &[("side_effect", text("write"))])
            .el("memory", "memory", &[])
            .el("disable", "tool", &[("side_effect", text("write"))])
            .flow("f1", "remember", "memory", &[])
            .model();
        with_context(&model, |cx| {
            assert_eq!(super::step(cx, index(&model, "remember")), Some(index(&model, "memory")));
            assert_eq!(super::step(cx, index(&model, "disable")), None);
        });
    }

    #[test]
    fn a_payment_is_a_step_only_when_another_payer_carries_it_out() {
        let model = build()
            .el("swap", "tool", &[("side_effect", text("payment"))])
            .el("wallet", "tool", &[("side_effect", text("payment"))])
            .el("rpc", "external-api", &[])
            .call("f1", "swap", "wallet")
            .call("f2", "wallet", "rpc")
            .model();
        with_context(&model, |cx| {
            assert_eq!(super::step(cx, index(&model, "swap")), Some(index(&model, "wallet")));
            assert_eq!(super::step(cx, index(&model, "wallet")), None, "the RPC provider does not pay");
        });
    }

    #[test]
    fn an_answer_back_to_the_caller_is_not_passing_the_action_on() {
        let model = build().el("agent", "agent", &[]).el("save", "tool", &[]).call("f1", "agent", "save").model();
        with_context(&model, |cx| assert_eq!(super::step(cx, index(&model, "save")), None));
    }
}
