//! JS calls that web-sys and js-sys import once per type (`querySelector` and
//! `querySelectorAll` for `Document` and again for `Element`, `disconnect` for each kind of
//! observer, `target` for events and for observer entries, `length` and `list[i]` for arrays
//! and node lists), made here through one import for any object: one wasm import and one glue
//! function each instead of two or three. Each is the same JS call web-sys or js-sys makes.
//! [`prop`], [`call`] and [`set_text`] do the same for property reads and method calls made
//! once per page, panel, click or list move: through js-sys's `Reflect` imports, which the
//! crate has anyway, instead of one web-sys import per property or method.

use wasm_bindgen::prelude::*;
use web_sys::{Element, NodeList};

#[wasm_bindgen]
extern "C" {
    /// A `Document`, an `Element`, an observer, an `Event` or an observer entry, seen through
    /// the one member it is asked for (reached with `unchecked_ref`: no type check in JS).
    pub(crate) type Dom;

    /// `node.querySelectorAll(selectors)` on a `Document` or an `Element`; a bad selector throws.
    #[wasm_bindgen(method, catch, js_name = querySelectorAll)]
    fn query_all(this: &Dom, selectors: &str) -> Result<NodeList, JsValue>;

    /// `node.querySelector(selectors)` on a `Document` or an `Element`; a bad selector throws.
    #[wasm_bindgen(method, catch, js_name = querySelector)]
    fn query(this: &Dom, selectors: &str) -> Result<Option<Element>, JsValue>;

    /// `observer.disconnect()`, for a `MutationObserver` or an `IntersectionObserver`.
    #[wasm_bindgen(method, js_name = disconnect)]
    fn disconnect(this: &Dom);

    /// `observer.observe(target, options)`, for a `MutationObserver` or an
    /// `IntersectionObserver` (which ignores `options`).
    #[wasm_bindgen(method, catch, js_name = observe)]
    fn observe_with(this: &Dom, target: &JsValue, options: &JsValue) -> Result<(), JsValue>;

    /// `value.target`: an `Event`'s (any value, `null` included) or an
    /// `IntersectionObserverEntry`'s (always its element).
    #[wasm_bindgen(method, getter, js_name = target)]
    fn target(this: &Dom) -> JsValue;
}

/// `root.querySelectorAll(selectors)`, `root` a `Document` or an `Element`.
pub(crate) fn select_all(root: &web_sys::Node, selectors: &str) -> Result<NodeList, JsValue> {
    root.unchecked_ref::<Dom>().query_all(selectors)
}

/// `root.querySelector(selectors)`, `root` a `Document` or an `Element`.
pub(crate) fn select(root: &web_sys::Node, selectors: &str) -> Result<Option<Element>, JsValue> {
    root.unchecked_ref::<Dom>().query(selectors)
}

/// `observer.disconnect()`, for a `MutationObserver` or an `IntersectionObserver`.
pub(crate) fn disconnect(observer: &js_sys::Object) {
    observer.unchecked_ref::<Dom>().disconnect();
}

/// `observer.observe(target, options)` for a `MutationObserver` or (`options` `undefined`) an
/// `IntersectionObserver`, through one import (web-sys has one per kind). What it throws is
/// dropped, as both kinds' callers dropped it.
pub(crate) fn observe(observer: &js_sys::Object, target: &JsValue, options: &JsValue) {
    let _ = observer
        .unchecked_ref::<Dom>()
        .observe_with(target, options);
}

/// `parent.appendChild(child)`, made as `parent.insertBefore(child, null)`: the same DOM
/// operation (append; the same return value and errors) through web-sys's `insertBefore` import,
/// which list moves need anyway, instead of a second import and glue function.
pub(crate) fn append(
    parent: &web_sys::Node,
    child: &web_sys::Node,
) -> Result<web_sys::Node, JsValue> {
    parent.insert_before(child, None)
}

/// `list.length` of a `NodeList`, through js-sys's `Array` length import (the same JS read;
/// web-sys's `NodeList` has an import of its own).
pub(crate) fn node_count(list: &NodeList) -> u32 {
    list.unchecked_ref::<js_sys::Array>().length()
}

/// `list[i]` (`undefined` past its end) of an `Array` or a `NodeList`, through js-sys's
/// `Array::get_unchecked` import, the one `Array::iter` uses: `Array::get` and `NodeList::get`
/// are the same JS read under imports of their own.
pub(crate) fn nth(list: &js_sys::Object, i: u32) -> JsValue {
    list.unchecked_ref::<js_sys::Array>().get_unchecked(i)
}

/// `value.target`, for an `Event` or an `IntersectionObserverEntry`.
pub(crate) fn target_of(value: &js_sys::Object) -> JsValue {
    value.unchecked_ref::<Dom>().target()
}

/// `value[name]` through js-sys's `Reflect.get` import (`undefined` if the read throws), for
/// property reads made once per page, panel or list pass (the document, its `<body>`, a
/// template's content, the focused element, an error's message…): web-sys imports each such
/// getter on its own, one wasm import and one glue function per property. Not for `rank`'s or
/// `track`'s per-item paths: the name crosses into JS as a string at each read.
#[inline(never)]
pub(crate) fn prop(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// [`prop`] when it is neither `null` nor `undefined` (what web-sys's getters give as `None`);
/// the caller casts it without a type check, as web-sys does.
pub(crate) fn prop_some(value: &JsValue, name: &str) -> Option<JsValue> {
    let v = prop(value, name);
    (!v.is_null_or_undefined()).then_some(v)
}

/// [`prop`] as a string (`""` if it is none), for getters typed `DOMString`.
pub(crate) fn prop_text(value: &JsValue, name: &str) -> String {
    prop(value, name).as_string().unwrap_or_default()
}

/// `value[name](arg)` through js-sys's `Reflect.apply` and `Array.of` imports (`undefined` if
/// it throws or there is no such method), for DOM method calls made once per page, panel, click or list
/// move (`closest`, `cloneNode`, `takeRecords`, `remove`…), each of which web-sys imports on
/// its own. `arg` is `undefined` for a method without arguments (DOM methods ignore it). Not
/// for `rank`'s or `track`'s per-item paths, as [`prop`].
#[inline(never)]
pub(crate) fn call(value: &JsValue, name: &str, arg: &JsValue) -> JsValue {
    let method = prop(value, name);
    let args = js_sys::Array::of1(arg);
    js_sys::Reflect::apply(method.unchecked_ref::<js_sys::Function>(), value, &args)
        .unwrap_or(JsValue::UNDEFINED)
}

/// `value[name]()`, as [`call`].
pub(crate) fn call0(value: &JsValue, name: &str) -> JsValue {
    call(value, name, &JsValue::UNDEFINED)
}

/// `el.textContent = text` (`null` for `None`, which empties the element), through js-sys's
/// `Reflect.set` import.
#[inline(never)]
pub(crate) fn set_text(el: &Element, text: Option<&str>) {
    let text = text.map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(el, &JsValue::from_str("textContent"), &text);
}
