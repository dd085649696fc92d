#!/usr/bin/env python3
"""Generate the hand-written article corpus in this folder.

Run with plain ``python3 make_corpus.py`` (standard library only). It (re)writes the
twelve pages (one of them gzip-compressed) and ``ground_truth.json`` deterministically:
the body text of every page and its ground truth come from the same source strings
below, so they cannot drift apart.

All sites, people and stories are invented for testing; none of the text is copied
from a real article.

Body blocks are small HTML fragments (inline markup only: a, strong, em, span, abbr):

* ``P(frag)``      a body paragraph            -> one ground-truth line
* ``H2(frag)``     an in-body subheading       -> one ground-truth line
* ``UL([frag])``   a bulleted list             -> one ground-truth line per item
* ``QUOTE(frag)``  a blockquote                -> one ground-truth line
* ``X(html)``      page furniture placed between body blocks (ads, "Read more:",
                   figures, sign-up boxes ...) -> not part of the ground truth
"""

import gzip
import html
import json
import os
import re
import textwrap
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------- helpers


def esc(s):
    return html.escape(s, quote=True)


def norm(s):
    return " ".join(s.split())


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def plain(fragment):
    """Text of an inline HTML fragment, whitespace-normalised."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return norm("".join(parser.parts))


def P(frag):
    return ("p", frag)


def H2(frag):
    return ("h2", frag)


def UL(items):
    return ("ul", items)


def QUOTE(frag):
    return ("quote", frag)


def X(raw):
    return ("x", raw)


def body_lines(blocks):
    lines = []
    for kind, val in blocks:
        if kind in ("p", "h2", "quote"):
            lines.append(plain(val))
        elif kind == "ul":
            lines.extend(plain(v) for v in val)
    return lines


def render(blocks, indent="", p=None, h2=None, ul=None, li=None, quote=None, wrap=0):
    """Render body blocks with per-page templates (callables taking the fragment)."""
    p = p or (lambda v: f"<p>{v}</p>")
    h2 = h2 or (lambda v: f"<h2>{v}</h2>")
    li = li or (lambda v: f"<li>{v}</li>")
    ul = ul or (lambda items: "<ul>\n" + "\n".join("  " + x for x in items) + "\n</ul>")
    quote = quote or (lambda v: f"<blockquote>\n  <p>{v}</p>\n</blockquote>")
    out = []
    for kind, val in blocks:
        if kind == "p":
            s = p(val)
        elif kind == "h2":
            s = h2(val)
        elif kind == "ul":
            s = ul([li(v) for v in val])
        elif kind == "quote":
            s = quote(val)
        elif kind == "x":
            s = textwrap.dedent(val).strip("\n")
        else:
            raise ValueError(kind)
        if wrap and kind in ("p", "quote"):
            s = textwrap.fill(
                s,
                width=wrap,
                break_long_words=False,
                break_on_hyphens=False,
                subsequent_indent="  ",
            )
        out.append(textwrap.indent(s, indent))
    return "\n".join(out)


def links(items, indent="", li_cls=None):
    cls = f' class="{li_cls}"' if li_cls else ""
    return "\n".join(
        f'{indent}<li{cls}><a href="{esc(href)}">{esc(text)}</a></li>' for text, href in items
    )


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


PAGES = {}


def page(name, *, title, author, date, canonical, language, blocks, html_text, gz=False):
    PAGES[name] = dict(
        title=title,
        author=author,
        date=date,
        canonical=canonical,
        language=language,
        blocks=blocks,
        html=html_text,
        gz=gz,
    )


# ============================================================ 1. wordpress_comments


def wordpress_comments():
    title = "Why Karachi's street food vendors are switching to solar-powered carts"
    url = "https://notesfromtheindus-example.com/2024/05/12/karachi-solar-food-carts/"
    author = "Farhan Qureshi"
    blocks = [
        P(
            "Walk down Burns Road after sunset and you will notice something new among the "
            "sizzling tawas and steaming pots: small black panels bolted to the roofs of the "
            "carts. Over the past year, dozens of vendors in the old city have quietly replaced "
            "their noisy petrol generators with solar kits, and the change is easy to hear "
            "before you see it."
        ),
        P(
            "I spent three evenings talking to the people behind the carts. Most of them told me "
            "the decision had little to do with the environment. &#8220;The generator was eating "
            "my profit,&#8221; said Rashid, who has sold bun kebabs from the same corner for "
            "eighteen years. He estimates that fuel used to cost him nearly a third of what he "
            "earned on a slow night."
        ),
        P(
            "A basic kit, with two panels, a deep-cycle battery and a charge controller, costs "
            "somewhere between 60,000 and 90,000 rupees depending on the brand. That is a large "
            "sum for a family business, so several vendors have pooled money through "
            "<em>committees</em>, the rotating savings groups that are common across the city, "
            "to buy the equipment one cart at a time."
        ),
        P(
            "The batteries are charged during the day, often on the rooftops of the vendors' "
            "homes, and carried to the carts in the late afternoon. One charge is enough to run "
            "LED strip lights and a small fan until about midnight. Anything heavier, such as a "
            "deep freezer or an electric griddle, is still beyond what most of these setups can "
            "handle."
        ),
        P(
            "Not everyone is convinced. An older tea seller near Denso Hall told me he had tried "
            "a cheap kit from a market in Saddar and the battery died within four months. "
            "Quality varies enormously, and there is no easy way for a buyer to check whether a "
            "panel actually delivers the wattage printed on its label."
        ),
        P(
            "Still, the trend seems likely to spread. Load-shedding schedules remain "
            "unpredictable, petrol prices have risen sharply, and the people I met were already "
            "comparing notes about suppliers and repair shops. If you visit Burns Road this "
            "summer, take a moment to look up from your plate. The quiet hum of the old "
            "generators is slowly disappearing."
        ),
    ]
    body = render(blocks, indent="\t\t\t\t")
    doc = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(title)} &#8211; Notes from the Indus</title>
<meta name="description" content="Dozens of vendors on Burns Road have replaced petrol generators with solar kits. Here is why.">
<link rel="canonical" href="{url}">
<meta name="author" content="{author}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="Notes from the Indus">
<meta property="article:published_time" content="2024-05-12T18:20:41+05:00">
<meta property="article:modified_time" content="2024-05-14T09:02:10+05:00">
<link rel="alternate" type="application/rss+xml" title="Notes from the Indus &raquo; Feed" href="https://notesfromtheindus-example.com/feed/">
<link rel="alternate" type="application/rss+xml" title="Notes from the Indus &raquo; {
        esc(title)
    } Comments Feed" href="{url}feed/">
<link rel="stylesheet" id="twentyseventeen-style-css" href="https://notesfromtheindus-example.com/wp-content/themes/indus/style.css?ver=6.5.3" media="all">
<script src="https://notesfromtheindus-example.com/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<style id="wp-custom-css">.site-title a{{color:#1d3557}} .comment-content p{{margin:0 0 .8em}}</style>
</head>
<body class="post-template-default single single-post postid-2187 single-format-standard has-sidebar">
<div id="page" class="site">
\t<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
\t<header id="masthead" class="site-header">
\t\t<div class="site-branding">
\t\t\t<p class="site-title"><a href="https://notesfromtheindus-example.com/" rel="home">Notes from the Indus</a></p>
\t\t\t<p class="site-description">Stories, food and everyday life from Karachi and beyond</p>
\t\t</div>
\t\t<nav id="site-navigation" class="main-navigation" aria-label="Top Menu">
\t\t\t<button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">Menu</button>
\t\t\t<ul id="top-menu" class="menu">
\t\t\t\t<li class="menu-item"><a href="https://notesfromtheindus-example.com/">Home</a></li>
\t\t\t\t<li class="menu-item current-post-ancestor"><a href="https://notesfromtheindus-example.com/category/city-life/">City Life</a></li>
\t\t\t\t<li class="menu-item"><a href="https://notesfromtheindus-example.com/category/food/">Food</a></li>
\t\t\t\t<li class="menu-item"><a href="https://notesfromtheindus-example.com/category/travel/">Travel</a></li>
\t\t\t\t<li class="menu-item"><a href="https://notesfromtheindus-example.com/about/">About</a></li>
\t\t\t\t<li class="menu-item"><a href="https://notesfromtheindus-example.com/contact/">Contact</a></li>
\t\t\t</ul>
\t\t</nav>
\t</header>
\t<div id="content" class="site-content">
\t\t<div id="primary" class="content-area">
\t\t\t<main id="main" class="site-main">
\t\t\t<article id="post-2187" class="post-2187 post type-post status-publish format-standard hentry category-city-life tag-karachi tag-solar tag-street-food">
\t\t\t\t<header class="entry-header">
\t\t\t\t\t<div class="entry-meta">
\t\t\t\t\t\t<span class="posted-on"><span class="screen-reader-text">Posted on</span> <a href="{
        url
    }" rel="bookmark"><time class="entry-date published" datetime="2024-05-12T18:20:41+05:00">May 12, 2024</time><time class="updated" datetime="2024-05-14T09:02:10+05:00">May 14, 2024</time></a></span>
\t\t\t\t\t\t<span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://notesfromtheindus-example.com/author/farhan/">{
        author
    }</a></span></span>
\t\t\t\t\t</div>
\t\t\t\t\t<h1 class="entry-title">{esc(title)}</h1>
\t\t\t\t</header>
\t\t\t\t<div class="entry-content">
{body}
\t\t\t\t</div>
\t\t\t\t<footer class="entry-footer">
\t\t\t\t\t<span class="cat-tags-links">
\t\t\t\t\t\t<span class="cat-links">Posted in <a href="https://notesfromtheindus-example.com/category/city-life/" rel="category tag">City Life</a>, <a href="https://notesfromtheindus-example.com/category/food/" rel="category tag">Food</a></span>
\t\t\t\t\t\t<span class="tags-links">Tagged <a href="https://notesfromtheindus-example.com/tag/burns-road/" rel="tag">Burns Road</a>, <a href="https://notesfromtheindus-example.com/tag/karachi/" rel="tag">Karachi</a>, <a href="https://notesfromtheindus-example.com/tag/load-shedding/" rel="tag">load-shedding</a>, <a href="https://notesfromtheindus-example.com/tag/solar/" rel="tag">solar</a>, <a href="https://notesfromtheindus-example.com/tag/street-food/" rel="tag">street food</a></span>
\t\t\t\t\t</span>
\t\t\t\t</footer>
\t\t\t\t<div class="author-info">
\t\t\t\t\t<div class="author-avatar"><img alt="" src="https://secure.gravatar-example.com/avatar/9f2c?s=68&amp;d=mm&amp;r=g" class="avatar avatar-68 photo" height="68" width="68"></div>
\t\t\t\t\t<div class="author-description">
\t\t\t\t\t\t<h2 class="author-title"><span class="author-heading">Published by {author}</span></h2>
\t\t\t\t\t\t<p class="author-bio">Farhan is a Karachi-based writer and former schoolteacher who has been documenting the city's food streets, markets and neighbourhood characters since 2015. When he is not eating, he is usually stuck in traffic on Shahrah-e-Faisal.
\t\t\t\t\t\t<a class="author-link" href="https://notesfromtheindus-example.com/author/farhan/" rel="author">View all posts by {
        author
    }</a></p>
\t\t\t\t\t</div>
\t\t\t\t</div>
\t\t\t</article>
\t\t\t<nav class="navigation post-navigation" aria-label="Posts">
\t\t\t\t<h2 class="screen-reader-text">Post navigation</h2>
\t\t\t\t<div class="nav-links">
\t\t\t\t\t<div class="nav-previous"><a href="https://notesfromtheindus-example.com/2024/05/03/empress-market-spice-sellers/" rel="prev"><span class="meta-nav">Previous Post</span> The last spice grinders of Empress Market</a></div>
\t\t\t\t\t<div class="nav-next"><a href="https://notesfromtheindus-example.com/2024/05/20/clifton-beach-camel-rides/" rel="next"><span class="meta-nav">Next Post</span> A morning with the camel men of Clifton beach</a></div>
\t\t\t\t</div>
\t\t\t</nav>
\t\t\t<div id="comments" class="comments-area">
\t\t\t\t<h2 class="comments-title">4 thoughts on &ldquo;{esc(title)}&rdquo;</h2>
\t\t\t\t<ol class="comment-list">
\t\t\t\t\t<li id="comment-5521" class="comment even thread-even depth-1 parent">
\t\t\t\t\t\t<article id="div-comment-5521" class="comment-body">
\t\t\t\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t\t\t\t<div class="comment-author vcard"><b class="fn">Saima K.</b> <span class="says">says:</span></div>
\t\t\t\t\t\t\t\t<div class="comment-metadata"><a href="{
        url
    }#comment-5521"><time datetime="2024-05-12T21:04:17+05:00">May 12, 2024 at 9:04 pm</time></a></div>
\t\t\t\t\t\t\t</footer>
\t\t\t\t\t\t\t<div class="comment-content">
\t\t\t\t\t\t\t\t<p>Lovely piece. My uncle runs a paratha stall in Nazimabad and he switched last winter. The batteries are the real problem though, he has already replaced one, and the shop that sold it to him refused to honour the warranty. Someone should write about the repair side of this business.</p>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-5521" aria-label="Reply to Saima K.">Reply</a></div>
\t\t\t\t\t\t</article>
\t\t\t\t\t\t<ol class="children">
\t\t\t\t\t\t\t<li id="comment-5524" class="comment byuser comment-author-farhan bypostauthor odd alt depth-2">
\t\t\t\t\t\t\t\t<article id="div-comment-5524" class="comment-body">
\t\t\t\t\t\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t\t\t\t\t\t<div class="comment-author vcard"><b class="fn"><a href="https://notesfromtheindus-example.com" class="url" rel="ugc">{
        author
    }</a></b> <span class="says">says:</span></div>
\t\t\t\t\t\t\t\t\t\t<div class="comment-metadata"><a href="{
        url
    }#comment-5524"><time datetime="2024-05-12T22:40:03+05:00">May 12, 2024 at 10:40 pm</time></a></div>
\t\t\t\t\t\t\t\t\t</footer>
\t\t\t\t\t\t\t\t\t<div class="comment-content">
\t\t\t\t\t\t\t\t\t\t<p>Thanks Saima! That is a great idea for a follow-up. If your uncle would be willing to talk to me about the warranty problem, please send me a message through the contact page and I will get in touch next week.</p>
\t\t\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t\t\t<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-5524" aria-label="Reply to {
        author
    }">Reply</a></div>
\t\t\t\t\t\t\t\t</article>
\t\t\t\t\t\t\t</li>
\t\t\t\t\t\t</ol>
\t\t\t\t\t</li>
\t\t\t\t\t<li id="comment-5530" class="comment even thread-odd thread-alt depth-1">
\t\t\t\t\t\t<article id="div-comment-5530" class="comment-body">
\t\t\t\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t\t\t\t<div class="comment-author vcard"><b class="fn">Owais</b> <span class="says">says:</span></div>
\t\t\t\t\t\t\t\t<div class="comment-metadata"><a href="{
        url
    }#comment-5530"><time datetime="2024-05-13T08:15:55+05:00">May 13, 2024 at 8:15 am</time></a></div>
\t\t\t\t\t\t\t</footer>
\t\t\t\t\t\t\t<div class="comment-content">
\t\t\t\t\t\t\t\t<p>The quiet is the best part. I used to avoid the middle section of Burns Road because you could not hear the person sitting next to you over the generators. Now it is actually pleasant to sit there after ten at night, even in June.</p>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-5530" aria-label="Reply to Owais">Reply</a></div>
\t\t\t\t\t\t</article>
\t\t\t\t\t</li>
\t\t\t\t\t<li id="comment-5547" class="comment odd alt thread-even depth-1">
\t\t\t\t\t\t<article id="div-comment-5547" class="comment-body">
\t\t\t\t\t\t\t<footer class="comment-meta">
\t\t\t\t\t\t\t\t<div class="comment-author vcard"><b class="fn">Engr. Tariq Mehmood</b> <span class="says">says:</span></div>
\t\t\t\t\t\t\t\t<div class="comment-metadata"><a href="{
        url
    }#comment-5547"><time datetime="2024-05-14T11:30:20+05:00">May 14, 2024 at 11:30 am</time></a></div>
\t\t\t\t\t\t\t</footer>
\t\t\t\t\t\t\t<div class="comment-content">
\t\t\t\t\t\t\t\t<p>A word of caution for anyone buying these kits: ask for a lithium iron phosphate battery if you can afford it, and never buy a panel without seeing it tested with a meter. Many of the cheap panels in the wholesale markets are rated at half of what the sticker says.</p>
\t\t\t\t\t\t\t</div>
\t\t\t\t\t\t\t<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-5547" aria-label="Reply to Engr. Tariq Mehmood">Reply</a></div>
\t\t\t\t\t\t</article>
\t\t\t\t\t</li>
\t\t\t\t</ol>
\t\t\t\t<div id="respond" class="comment-respond">
\t\t\t\t\t<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
\t\t\t\t\t<form action="https://notesfromtheindus-example.com/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
\t\t\t\t\t\t<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
\t\t\t\t\t\t<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
\t\t\t\t\t\t<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required></p>
\t\t\t\t\t\t<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" autocomplete="email" required></p>
\t\t\t\t\t\t<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url"></p>
\t\t\t\t\t\t<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
\t\t\t\t\t\t<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_post_ID" value="2187" id="comment_post_ID"> <input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>
\t\t\t\t\t</form>
\t\t\t\t</div>
\t\t\t</div>
\t\t\t</main>
\t\t</div>
\t\t<aside id="secondary" class="widget-area" aria-label="Blog Sidebar">
\t\t\t<section id="search-2" class="widget widget_search">
\t\t\t\t<form role="search" method="get" class="search-form" action="https://notesfromtheindus-example.com/">
\t\t\t\t\t<label for="search-form-1"><span class="screen-reader-text">Search for:</span></label>
\t\t\t\t\t<input type="search" id="search-form-1" class="search-field" placeholder="Search &hellip;" value="" name="s">
\t\t\t\t\t<button type="submit" class="search-submit"><span class="screen-reader-text">Search</span></button>
\t\t\t\t</form>
\t\t\t</section>
\t\t\t<section id="recent-posts-2" class="widget widget_recent_entries">
\t\t\t\t<h2 class="widget-title">Recent Posts</h2>
\t\t\t\t<ul>
{
        links(
            [
                (
                    "A morning with the camel men of Clifton beach",
                    "https://notesfromtheindus-example.com/2024/05/20/clifton-beach-camel-rides/",
                ),
                (
                    "The last spice grinders of Empress Market",
                    "https://notesfromtheindus-example.com/2024/05/03/empress-market-spice-sellers/",
                ),
                (
                    "Ten chai spots worth the detour in Saddar",
                    "https://notesfromtheindus-example.com/2024/04/21/saddar-chai-spots/",
                ),
                (
                    "What the Lyari football clubs taught me about patience",
                    "https://notesfromtheindus-example.com/2024/04/09/lyari-football/",
                ),
                (
                    "Riding the Karachi Circular Railway on its first morning back",
                    "https://notesfromtheindus-example.com/2024/03/28/circular-railway/",
                ),
            ],
            indent=chr(9) * 5,
        )
    }
\t\t\t\t</ul>
\t\t\t</section>
\t\t\t<section id="recent-comments-2" class="widget widget_recent_comments">
\t\t\t\t<h2 class="widget-title">Recent Comments</h2>
\t\t\t\t<ul id="recentcomments">
\t\t\t\t\t<li class="recentcomments"><span class="comment-author-link">Engr. Tariq Mehmood</span> on <a href="{
        url
    }#comment-5547">{esc(title)}</a></li>
\t\t\t\t\t<li class="recentcomments"><span class="comment-author-link">Owais</span> on <a href="{
        url
    }#comment-5530">{esc(title)}</a></li>
\t\t\t\t\t<li class="recentcomments"><span class="comment-author-link">Hina</span> on <a href="https://notesfromtheindus-example.com/2024/05/03/empress-market-spice-sellers/#comment-5502">The last spice grinders of Empress Market</a></li>
\t\t\t\t</ul>
\t\t\t</section>
\t\t\t<section id="archives-2" class="widget widget_archive">
\t\t\t\t<h2 class="widget-title">Archives</h2>
\t\t\t\t<ul>
\t\t\t\t\t<li><a href="https://notesfromtheindus-example.com/2024/05/">May 2024</a></li>
\t\t\t\t\t<li><a href="https://notesfromtheindus-example.com/2024/04/">April 2024</a></li>
\t\t\t\t\t<li><a href="https://notesfromtheindus-example.com/2024/03/">March 2024</a></li>
\t\t\t\t\t<li><a href="https://notesfromtheindus-example.com/2024/02/">February 2024</a></li>
\t\t\t\t</ul>
\t\t\t</section>
\t\t\t<section id="categories-2" class="widget widget_categories">
\t\t\t\t<h2 class="widget-title">Categories</h2>
\t\t\t\t<ul>
\t\t\t\t\t<li class="cat-item"><a href="https://notesfromtheindus-example.com/category/city-life/">City Life</a> (42)</li>
\t\t\t\t\t<li class="cat-item"><a href="https://notesfromtheindus-example.com/category/food/">Food</a> (57)</li>
\t\t\t\t\t<li class="cat-item"><a href="https://notesfromtheindus-example.com/category/travel/">Travel</a> (18)</li>
\t\t\t\t</ul>
\t\t\t</section>
\t\t</aside>
\t</div>
\t<footer id="colophon" class="site-footer">
\t\t<div class="site-info">
\t\t\t<span>&copy; 2024 Notes from the Indus</span>
\t\t\t<a class="privacy-policy-link" href="https://notesfromtheindus-example.com/privacy-policy/">Privacy Policy</a>
\t\t\t<a href="https://wordpress.org/" class="imprint">Proudly powered by WordPress</a>
\t\t</div>
\t</footer>
</div>
<script src="https://notesfromtheindus-example.com/wp-includes/js/comment-reply.min.js?ver=6.5.3" id="comment-reply-js" async data-wp-strategy="async"></script>
</body>
</html>
"""
    page(
        "wordpress_comments",
        title=title,
        author=author,
        date="2024-05-12",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# =========================================================== 2. newspaper_megamenu


def newspaper_megamenu():
    title = (
        "Diplomatic missions condemn coordinated attacks in Balochistan as death toll rises to 14"
    )
    url = (
        "https://www.dailyherald-example.com/world/south-asia/"
        "diplomatic-missions-condemn-balochistan-attacks-2024-08-27"
    )
    author = "Ayesha Raza"
    blocks = [
        P(
            "<strong>ISLAMABAD:</strong> Foreign governments and international organisations on "
            "Tuesday condemned a series of coordinated attacks in Balochistan that killed at "
            "least 14 people, including four police officers, and wounded more than 30 others. "
            "The assaults struck a highway checkpoint, a railway bridge and a district police "
            "station within hours of one another late on Monday night, officials said."
        ),
        P(
            "In a statement circulated to journalists in Islamabad, a group of embassies said "
            "they were deeply saddened by the loss of innocent lives and expressed solidarity "
            "with the families of the victims. The missions described the violence as an attack "
            "on ordinary citizens trying to go about their daily lives and called for those "
            "responsible to be brought to justice."
        ),
        P(
            "The United Nations office in the capital issued a separate message urging "
            "restraint and stressing that the protection of civilians must remain a priority. "
            "It said humanitarian agencies were ready to support provincial authorities in "
            "providing medical care to the wounded, many of whom were taken to hospitals in "
            "Quetta after local facilities were overwhelmed."
        ),
        P(
            "Pakistan's Foreign Office welcomed the expressions of support. At the weekly "
            "briefing, the ministry's spokesperson said the country valued the solidarity of "
            "its international partners and would continue to work with them against terrorism "
            "in all its forms, adding that the government had shared information about the "
            "attacks with several friendly capitals."
        ),
        P(
            "Provincial officials said the attack on the railway bridge near Bolan had forced "
            "the suspension of train services between Quetta and the rest of the country for "
            "at least two days. Engineers from Pakistan Railways reached the site on Tuesday "
            "morning to assess the damage, and a spokesman said repairs would begin as soon as "
            "security clearance was granted."
        ),
        P(
            "At the highway checkpoint in Kalat district, gunmen opened fire on a line of "
            "vehicles before setting several lorries alight, according to a police report seen "
            "by <em>The Daily Herald</em>. Passengers travelling on a bus to Karachi were among "
            "those killed. Survivors described a chaotic scene in which drivers abandoned their "
            "vehicles and ran into the surrounding hills."
        ),
        P(
            "No group had claimed responsibility for the attacks by Tuesday evening. Security "
            "analysts noted that the coordination across three districts suggested careful "
            "planning and warned that the province's long road and rail links remained "
            "difficult to protect. The provincial government announced compensation for the "
            "families of those killed and ordered an inquiry into the response."
        ),
        P(
            "Balochistan, Pakistan's largest province by area, has seen a rise in violence over "
            "the past two years. Business leaders in Quetta said on Tuesday that the latest "
            "attacks would further discourage investment and travel, and appealed to the "
            "federal government to improve security along the main trade routes linking the "
            "province with Sindh and Punjab."
        ),
    ]
    body = render(blocks, indent="          ", wrap=96)
    base = "https://www.dailyherald-example.com"

    def mega(label, href, cols):
        out = [
            f'        <li class="nav__item nav__item--has-panel"><a class="nav__link" href="{base}{href}">{label}</a>',
            '          <div class="mega-panel" role="region" aria-label="' + label + ' sections">',
        ]
        for heading, items in cols:
            out.append('            <div class="mega-panel__col">')
            out.append(f'              <h4 class="mega-panel__heading">{heading}</h4>')
            out.append("              <ul>")
            out.append(links([(t, base + h) for t, h in items], indent=" " * 16))
            out.append("              </ul>")
            out.append("            </div>")
        out.append("          </div>")
        out.append("        </li>")
        return "\n".join(out)

    nav = "\n".join(
        [
            mega(
                "Pakistan",
                "/pakistan",
                [
                    (
                        "Provinces",
                        [
                            ("Punjab", "/pakistan/punjab"),
                            ("Sindh", "/pakistan/sindh"),
                            ("Khyber Pakhtunkhwa", "/pakistan/kp"),
                            ("Balochistan", "/pakistan/balochistan"),
                            ("Gilgit-Baltistan", "/pakistan/gb"),
                        ],
                    ),
                    (
                        "Cities",
                        [
                            ("Karachi", "/pakistan/karachi"),
                            ("Lahore", "/pakistan/lahore"),
                            ("Islamabad", "/pakistan/islamabad"),
                            ("Peshawar", "/pakistan/peshawar"),
                            ("Quetta", "/pakistan/quetta"),
                        ],
                    ),
                ],
            ),
            mega(
                "World",
                "/world",
                [
                    (
                        "Regions",
                        [
                            ("South Asia", "/world/south-asia"),
                            ("Middle East", "/world/middle-east"),
                            ("Europe", "/world/europe"),
                            ("Americas", "/world/americas"),
                            ("Africa", "/world/africa"),
                            ("Asia Pacific", "/world/asia-pacific"),
                        ],
                    ),
                ],
            ),
            mega(
                "Business",
                "/business",
                [
                    (
                        "Markets",
                        [
                            ("Stocks", "/business/stocks"),
                            ("Currencies", "/business/currencies"),
                            ("Commodities", "/business/commodities"),
                        ],
                    ),
                    (
                        "Economy",
                        [
                            ("Budget", "/business/budget"),
                            ("Energy", "/business/energy"),
                            ("Agriculture", "/business/agriculture"),
                            ("Personal finance", "/business/money"),
                        ],
                    ),
                ],
            ),
            mega(
                "Sport",
                "/sport",
                [
                    (
                        "Sport",
                        [
                            ("Cricket", "/sport/cricket"),
                            ("Football", "/sport/football"),
                            ("Hockey", "/sport/hockey"),
                            ("Tennis", "/sport/tennis"),
                            ("Squash", "/sport/squash"),
                        ],
                    ),
                ],
            ),
            mega(
                "Opinion",
                "/opinion",
                [
                    (
                        "Opinion",
                        [
                            ("Editorials", "/opinion/editorials"),
                            ("Columns", "/opinion/columns"),
                            ("Letters", "/opinion/letters"),
                            ("Cartoons", "/opinion/cartoons"),
                        ],
                    ),
                ],
            ),
            f'        <li class="nav__item"><a class="nav__link" href="{base}/magazine">Magazine</a></li>',
            f'        <li class="nav__item"><a class="nav__link" href="{base}/tech">Tech</a></li>',
            f'        <li class="nav__item"><a class="nav__link" href="{base}/weather">Weather</a></li>',
            f'        <li class="nav__item"><a class="nav__link" href="{base}/videos">Videos</a></li>',
            f'        <li class="nav__item"><a class="nav__link" href="{base}/epaper">E-Paper</a></li>',
        ]
    )
    related = [
        (
            "Train services to Quetta suspended after bridge damaged in overnight blast",
            "/pakistan/quetta/train-services-suspended-bridge-blast",
        ),
        (
            "Quetta traders call two-day strike over rising extortion threats",
            "/pakistan/quetta/traders-strike-extortion",
        ),
        (
            "Senate panel seeks briefing on highway security in Balochistan",
            "/pakistan/senate-panel-highway-security",
        ),
        (
            "Provincial cabinet approves compensation package for victims' families",
            "/pakistan/balochistan/cabinet-compensation-package",
        ),
    ]
    most_read = [
        (
            "Petrol price cut by Rs5 per litre from Thursday, finance ministry says",
            "/business/petrol-price-cut-rs5",
        ),
        (
            "Heavy rain lashes Lahore, several low-lying areas flooded",
            "/pakistan/lahore/heavy-rain-low-lying-areas",
        ),
        (
            "National team announce squad for one-day series against New Zealand",
            "/sport/cricket/squad-announced-new-zealand-odis",
        ),
        ("Gold prices hit record high in local markets", "/business/gold-record-high"),
        (
            "Court adjourns hearing in election petitions case until next month",
            "/pakistan/court-adjourns-election-petitions",
        ),
    ]
    rel_html = "\n".join(
        f'            <li class="card card--small"><a href="{base}{h}"><span class="card__kicker">Pakistan</span>'
        f' <span class="card__headline">{esc(t)}</span></a> <span class="card__time">{n} hours ago</span></li>'
        for n, (t, h) in zip((2, 5, 7, 9), related)
    )
    most_html = "\n".join(
        f'            <li class="most-read__item"><span class="most-read__rank">{i}</span>'
        f' <a href="{base}{h}">{esc(t)}</a></li>'
        for i, (t, h) in enumerate(most_read, 1)
    )

    def footer_col(heading, items):
        return (
            '        <div class="footer__col">\n'
            f'          <h3 class="footer__heading">{heading}</h3>\n          <ul>\n'
            + links([(t, base + h) for t, h in items], indent=" " * 12)
            + "\n          </ul>\n        </div>"
        )

    footer_cols = "\n".join(
        [
            footer_col(
                "Sections",
                [
                    ("Pakistan", "/pakistan"),
                    ("World", "/world"),
                    ("Business", "/business"),
                    ("Sport", "/sport"),
                    ("Opinion", "/opinion"),
                    ("Magazine", "/magazine"),
                    ("Tech", "/tech"),
                    ("Weather", "/weather"),
                ],
            ),
            footer_col(
                "The Daily Herald",
                [
                    ("About us", "/about"),
                    ("Careers", "/careers"),
                    ("Advertise with us", "/advertise"),
                    ("Contact the newsroom", "/contact"),
                    ("Letters to the editor", "/letters"),
                    ("Syndication", "/syndication"),
                ],
            ),
            footer_col(
                "Legal",
                [
                    ("Terms of use", "/terms"),
                    ("Privacy policy", "/privacy"),
                    ("Cookie policy", "/cookies"),
                    ("Code of ethics", "/ethics"),
                    ("Corrections", "/corrections"),
                ],
            ),
            footer_col(
                "Follow us",
                [
                    ("Facebook", "/go/facebook"),
                    ("X", "/go/x"),
                    ("Instagram", "/go/instagram"),
                    ("YouTube", "/go/youtube"),
                    ("WhatsApp channel", "/go/whatsapp"),
                ],
            ),
        ]
    )
    enc_url = url.replace(":", "%3A").replace("/", "%2F")
    doc = f"""<!doctype html>
<html lang="en" class="no-js">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{esc(title)} | The Daily Herald</title>
    <meta name="description" content="Embassies and the UN condemn overnight assaults on a checkpoint, a railway bridge and a police station in Balochistan.">
    <meta name="author" content="{author}">
    <link rel="canonical" href="{url}">
    <link rel="amphtml" href="{url}?amp=1">
    <meta property="og:type" content="article">
    <meta property="og:site_name" content="The Daily Herald">
    <meta property="og:title" content="{esc(title)}">
    <meta property="og:url" content="{url}">
    <meta property="og:image" content="https://cdn.dailyherald-example.com/images/2024/08/27/quetta-hospital-1200.jpg">
    <meta property="article:published_time" content="2024-08-27T14:35:00+05:00">
    <meta property="article:modified_time" content="2024-08-27T19:10:00+05:00">
    <meta property="article:section" content="South Asia">
    <meta name="twitter:card" content="summary_large_image">
    <meta name="twitter:site" content="@DailyHeraldEx">
    <link rel="stylesheet" href="https://cdn.dailyherald-example.com/assets/main.7c1e2f.css">
    <script>document.documentElement.className = document.documentElement.className.replace('no-js', 'js');</script>
    <script async src="https://securepubads.example-adserver.com/tag/js/gpt.js"></script>
    <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"pageType": "article", "section": "world", "author": "{author}", "wordCount": 587}});</script>
  </head>
  <body class="page page--article section-world">
    <div class="top-bar">
      <span class="top-bar__date">Tuesday, August 27, 2024</span>
      <span class="top-bar__weather">Islamabad 33&deg;C Partly cloudy</span>
      <a class="top-bar__link" href="{base}/epaper">Today's paper</a>
      <a class="top-bar__cta" href="{base}/subscribe">Subscribe</a>
      <a class="top-bar__link" href="{base}/account/login">Sign in</a>
    </div>
    <header class="masthead">
      <a class="masthead__logo" href="{base}/"><img src="https://cdn.dailyherald-example.com/assets/logo.svg" alt="The Daily Herald"></a>
      <form class="masthead__search" action="{base}/search"><input type="search" name="q" placeholder="Search the Herald"><button type="submit">Search</button></form>
      <nav class="nav nav--mega" aria-label="Main">
        <ul class="nav__list">
{nav}
        </ul>
      </nav>
    </header>
    <div class="ticker" role="marquee" aria-label="Breaking news">
      <span class="ticker__label">BREAKING</span>
      <ul class="ticker__items">
        <li><a href="{base}/pakistan/federal-cabinet-security-review">Federal cabinet meets to review security situation after overnight attacks</a></li>
        <li><a href="{base}/business/stocks-close-lower">Stock market closes 420 points lower amid political uncertainty</a></li>
        <li><a href="{base}/weather/more-rain-upper-parts">Met office forecasts more rain in upper parts of the country this week</a></li>
      </ul>
    </div>
    <div class="ad ad--leaderboard" id="div-gpt-ad-top"><span class="ad__label">Advertisement</span></div>
    <main class="layout layout--article">
      <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="{base}/">Home</a></li><li><a href="{base}/world">World</a></li><li><a href="{base}/world/south-asia">South Asia</a></li></ol></nav>
      <article class="story">
        <header class="story__header">
          <span class="story__kicker">Security</span>
          <h1 class="story__headline">{esc(title)}</h1>
          <div class="story__meta">
            <span class="byline">By <a href="{base}/authors/ayesha-raza" rel="author">{author}</a>, Diplomatic Correspondent</span>
            <time class="story__time" datetime="2024-08-27T14:35:00+05:00">Published August 27, 2024, 2:35pm</time>
            <span class="story__updated">Updated 7:10pm</span>
            <a class="story__comments" href="#comments">Comments (42)</a>
          </div>
          <div class="share-bar" aria-label="Share this story">
            <a class="share-bar__btn share-bar__btn--facebook" href="https://www.facebook.com/sharer/sharer.php?u={enc_url}">Facebook</a>
            <a class="share-bar__btn share-bar__btn--x" href="https://x.com/intent/post?url={enc_url}">X</a>
            <a class="share-bar__btn share-bar__btn--whatsapp" href="https://wa.me/?text={enc_url}">WhatsApp</a>
            <a class="share-bar__btn share-bar__btn--email" href="mailto:?subject=Shared%20from%20The%20Daily%20Herald&amp;body={enc_url}">Email</a>
            <button class="share-bar__btn share-bar__btn--copy" type="button">Copy link</button>
          </div>
        </header>
        <div class="story__body" itemprop="articleBody">
{body}
        </div>
        <footer class="story__footer">
          <ul class="story__tags">
            <li><a href="{base}/tags/balochistan">Balochistan</a></li>
            <li><a href="{base}/tags/terrorism">Terrorism</a></li>
            <li><a href="{base}/tags/foreign-office">Foreign Office</a></li>
            <li><a href="{base}/tags/pakistan-railways">Pakistan Railways</a></li>
          </ul>
          <p class="story__copyright">Copyright &copy; 2024 The Daily Herald. Reproduction of this story without permission is prohibited.</p>
        </footer>
      </article>
      <section class="related" aria-labelledby="related-heading">
        <h2 id="related-heading" class="section-heading">Related stories</h2>
        <ul class="related__list">
{rel_html}
        </ul>
      </section>
      <aside class="rail">
        <div class="ad ad--mpu" id="div-gpt-ad-mpu-1"><span class="ad__label">Advertisement</span></div>
        <section class="most-read">
          <h2 class="section-heading">Most read</h2>
          <ol class="most-read__list">
{most_html}
          </ol>
        </section>
      </aside>
      <section id="comments" class="comments-teaser">
        <h2 class="section-heading">Comments</h2>
        <p>Comments are moderated and generally will be posted if they are on-topic and not abusive. <a href="{base}/account/login?next=comments">Sign in to join the conversation</a>.</p>
      </section>
    </main>
    <section class="newsletter-banner">
      <h2 class="newsletter-banner__title">Get the Morning Brief</h2>
      <p class="newsletter-banner__text">The day's most important stories from Pakistan and around the world, in your inbox before 7am. Free, every weekday.</p>
      <form class="newsletter-banner__form" action="{base}/newsletters/subscribe" method="post">
        <label for="nl-email">Email address</label>
        <input id="nl-email" type="email" name="email" placeholder="you@example.com" required>
        <button type="submit">Sign up</button>
      </form>
      <p class="newsletter-banner__legal">By signing up you agree to our Terms of use and Privacy policy. You can unsubscribe at any time.</p>
    </section>
    <footer class="footer">
      <div class="footer__cols">
{footer_cols}
      </div>
      <div class="footer__apps">
        <p>Download the Daily Herald app</p>
        <a href="{base}/go/app-store">App Store</a> <a href="{base}/go/google-play">Google Play</a>
      </div>
      <p class="footer__copyright">&copy; 2024 The Daily Herald Media Group. All rights reserved. Reproduction in whole or in part without written permission is prohibited.</p>
    </footer>
    <script src="https://cdn.dailyherald-example.com/assets/main.7c1e2f.js" defer></script>
  </body>
</html>
"""
    page(
        "newspaper_megamenu",
        title=title,
        author=author,
        date="2024-08-27",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ============================================================== 3. div_paragraphs


def div_paragraphs():
    title = "Central bank holds policy rate steady as inflation eases for third straight month"
    url = "https://www.marketledger-example.com/economy/central-bank-holds-policy-rate-steady-20240429"
    author = "Bilal Ahmed Siddiqui"
    related_card = """\
    <div class="css-r7k2q1 e1rel" data-component="related-link">
      <a class="css-9s0w2c" href="https://www.marketledger-example.com/markets/rupee-gains-fifth-session-remittances-20240426">
        <div class="css-1dl4ax">Related</div>
        <div class="css-q8bf0e">Rupee gains against dollar for fifth session as remittances rise</div>
      </a>
    </div>"""
    blocks = [
        P(
            "<strong>KARACHI:</strong> The central bank left its key policy rate unchanged on "
            "Monday, saying that although inflation had slowed for a third consecutive month, "
            "risks from global commodity prices and upcoming budget measures justified a "
            "cautious stance. The decision, announced after a meeting of the monetary policy "
            "committee, was in line with the expectations of most analysts surveyed last week."
        ),
        P(
            "In its statement, the bank said headline consumer price inflation had fallen to "
            "17.3 percent in March from 23.1 percent in February, helped by lower food prices "
            "and a favourable base effect. Core inflation, which excludes volatile food and "
            "energy items, declined more slowly, a trend the committee described as a sign that "
            "underlying price pressures remained persistent."
        ),
        P(
            "The committee noted that the current account had recorded a small surplus for the "
            "quarter and that foreign exchange reserves had improved to their highest level in "
            "nearly two years. However, it warned that these gains remained fragile and "
            "depended heavily on continued inflows from multilateral lenders and on the timely "
            "rollover of bilateral loans."
        ),
        X(related_card),
        P(
            "Market reaction was muted. The benchmark stock index closed slightly higher, led "
            "by banking shares, while yields on short-term government securities were largely "
            "unchanged. Several brokerage houses said they now expected the first rate cut to "
            "come in June, once the bank has had a chance to assess the inflationary impact of "
            "the federal budget."
        ),
        P(
            "Business groups were less patient. The president of a leading chamber of commerce "
            "said manufacturers could not remain competitive while borrowing costs stayed at "
            "such high levels, and urged the bank to begin easing without delay. Exporters in "
            "the textile sector, which employs millions of workers, have repeatedly argued that "
            "expensive credit is holding back new orders."
        ),
        P(
            "The next meeting of the monetary policy committee is scheduled for the second week "
            "of June. Economists said the outcome would depend largely on whether the government "
            "meets its fiscal targets and on the path of global oil prices, which have risen in "
            "recent weeks amid tensions in the Middle East."
        ),
    ]
    body = render(
        blocks,
        indent="            ",
        p=lambda v: (
            f'<div class="article-paragraph css-83cqas" data-component="text-block">{v}</div>'
        ),
    )
    doc = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/>
<title>{esc(title)} - The Market Ledger</title>
<meta name="author" content="{author}"/>
<meta name="description" content="Policy rate unchanged as committee cites commodity and budget risks."/>
<meta property="og:url" content="{url}"/>
<meta property="og:title" content="{esc(title)}"/>
<meta property="og:type" content="article"/>
<meta property="article:published_time" content="2024-04-29T16:05:00+05:00"/>
<meta property="article:section" content="Economy"/>
<link rel="preload" href="/_next/static/css/4f1c2a9b.css" as="style"/><link rel="stylesheet" href="/_next/static/css/4f1c2a9b.css"/>
<style data-emotion="css 83cqas">.css-83cqas{{font-family:Georgia,serif;font-size:1.125rem;line-height:1.6;margin-bottom:1.25rem;}}</style>
</head><body><div id="__next">
  <div class="css-1x0b5yl">
    <header class="css-hdr01" data-component="site-header">
      <div class="css-logo"><a href="https://www.marketledger-example.com/">The Market Ledger</a></div>
      <div class="css-nav" role="navigation">
        <a href="https://www.marketledger-example.com/markets">Markets</a>
        <a href="https://www.marketledger-example.com/economy">Economy</a>
        <a href="https://www.marketledger-example.com/companies">Companies</a>
        <a href="https://www.marketledger-example.com/energy">Energy</a>
        <a href="https://www.marketledger-example.com/technology">Technology</a>
        <a href="https://www.marketledger-example.com/opinion">Opinion</a>
        <a href="https://www.marketledger-example.com/data">Data</a>
      </div>
      <div class="css-user"><a href="https://www.marketledger-example.com/login">Log in</a><a class="css-cta" href="https://www.marketledger-example.com/subscribe">Try 30 days free</a></div>
    </header>
    <div class="css-mkt" data-component="market-strip">
      <div class="css-mkt-item"><span>KSE-100</span> <span>70,912.48</span> <span class="up">+0.42%</span></div>
      <div class="css-mkt-item"><span>USD/PKR</span> <span>278.15</span> <span class="down">-0.08%</span></div>
      <div class="css-mkt-item"><span>Gold (tola)</span> <span>Rs241,600</span> <span class="up">+0.65%</span></div>
      <div class="css-mkt-item"><span>Brent</span> <span>$88.40</span> <span class="up">+1.10%</span></div>
      <div class="css-mkt-item"><span>6M T-bill</span> <span>21.45%</span> <span>0.00</span></div>
    </div>
    <div class="css-grid">
      <div class="css-main" data-component="article">
        <div class="css-crumb"><a href="https://www.marketledger-example.com/economy">Economy</a> / <a href="https://www.marketledger-example.com/economy/monetary-policy">Monetary policy</a></div>
        <h1 class="css-headline" data-component="headline">{esc(title)}</h1>
        <div class="css-byline" data-component="byline">
          <div class="css-author">By <a href="https://www.marketledger-example.com/authors/bilal-ahmed-siddiqui">{author}</a></div>
          <div class="css-date"><span>April 29, 2024</span> <span>4:05 PM PKT</span></div>
          <div class="css-readtime">4 min read</div>
        </div>
        <div class="css-tools"><button aria-label="Save article">Save</button><button aria-label="Gift this article">Gift article</button><button aria-label="Share">Share</button></div>
        <div class="css-body" data-component="article-body">
{body}
        </div>
        <div class="css-topics" data-component="topics"><div class="css-topics-title">Topics</div><a href="https://www.marketledger-example.com/topics/interest-rates">Interest rates</a><a href="https://www.marketledger-example.com/topics/inflation">Inflation</a><a href="https://www.marketledger-example.com/topics/central-bank">Central bank</a></div>
      </div>
      <div class="css-rail" data-component="rail">
        <div class="css-rail-title">Markets data</div>
        <table class="css-table">
          <thead><tr><th>Instrument</th><th>Last</th><th>Chg</th></tr></thead>
          <tbody>
            <tr><td>3M T-bill</td><td>21.66%</td><td>-0.02</td></tr>
            <tr><td>12M T-bill</td><td>20.95%</td><td>+0.01</td></tr>
            <tr><td>KIBOR 6M</td><td>21.52%</td><td>-0.03</td></tr>
            <tr><td>PIB 3Y</td><td>16.70%</td><td>0.00</td></tr>
          </tbody>
        </table>
        <div class="css-rail-title">Latest</div>
        <div class="css-rail-item"><a href="https://www.marketledger-example.com/companies/cement-despatches-fall-april">Cement despatches fall 9% in April on weak construction demand</a></div>
        <div class="css-rail-item"><a href="https://www.marketledger-example.com/energy/lng-cargo-tender-qatar">Government floats tender for two spot LNG cargoes for June</a></div>
        <div class="css-rail-item"><a href="https://www.marketledger-example.com/markets/sukuk-auction-oversubscribed">Islamic bond auction oversubscribed as banks seek safe assets</a></div>
        <div class="css-rail-item"><a href="https://www.marketledger-example.com/economy/remittances-march-record">Remittances hit monthly record of $3bn ahead of Eid</a></div>
      </div>
    </div>
    <div class="css-paywall-teaser" data-component="upsell"><div>Unlock unlimited access to markets coverage, data and analysis.</div><a href="https://www.marketledger-example.com/subscribe">Subscribe now</a></div>
    <footer class="css-ftr" data-component="site-footer">
      <div class="css-ftr-links"><a href="https://www.marketledger-example.com/about">About us</a><a href="https://www.marketledger-example.com/terms">Terms</a><a href="https://www.marketledger-example.com/privacy">Privacy</a><a href="https://www.marketledger-example.com/contact">Contact</a><a href="https://www.marketledger-example.com/advertise">Advertise</a></div>
      <div class="css-ftr-copy">&copy; 2024 Market Ledger Publications (Pvt) Ltd. Market data delayed by at least 15 minutes.</div>
    </footer>
  </div>
</div>
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"slug":"central-bank-holds-policy-rate-steady-20240429","section":"economy"}}}},"page":"/[section]/[slug]","buildId":"Xk2p9"}}</script>
</body></html>
"""
    page(
        "div_paragraphs",
        title=title,
        author=author,
        date="2024-04-29",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ====================================================== 4. subheadings_list_quote


def subheadings_list_quote():
    title = "Budget 2024-25: what the new tax measures mean for salaried households"
    url = (
        "https://www.capitaltimes-example.pk/business/budget-2024-25-salaried-households-explained"
    )
    author = "Sana Mirza"
    blocks = [
        P(
            "The federal budget unveiled on Wednesday evening contains a long list of revenue "
            "measures, but for millions of salaried workers the most important changes are "
            "buried in the schedules of the finance bill. We have gone through the proposals "
            "to explain who will pay more, who may pay less, and what could still change before "
            "parliament votes later this month."
        ),
        P(
            "The government says the measures are needed to raise an additional 1.8 trillion "
            "rupees in the coming fiscal year and to meet conditions agreed with international "
            "lenders. Opposition parties and trade unions have already criticised the package, "
            "arguing that it once again places the heaviest burden on people whose taxes are "
            "deducted automatically from their pay."
        ),
        H2("Higher rates for middle earners"),
        P(
            "The number of income tax slabs for salaried individuals remains the same, but the "
            "rates within most of them have gone up. The exemption threshold has been kept at "
            "600,000 rupees a year, meaning the lowest-paid workers will not be affected. The "
            "biggest increases fall on people earning between 100,000 and 300,000 rupees a "
            "month, a group that includes many teachers, nurses and junior managers."
        ),
        P("According to the finance bill, the main changes for salaried taxpayers are:"),
        UL(
            [
                "An increase of 2.5 percentage points in the rate for annual incomes between 1.2 "
                "million and 2.4 million rupees.",
                "A top rate of 35 percent that now applies from an annual salary of 4.1 million "
                "rupees instead of 6 million.",
                "The withdrawal of the tax credit previously available on contributions to "
                "approved pension funds.",
                "Higher withholding tax on property transfers for people who are not on the "
                '<abbr title="Active Taxpayers List">ATL</abbr>.',
            ]
        ),
        H2("Relief for pensioners"),
        P(
            "Retired government employees are among the few groups to receive some relief. "
            "Pensions will rise by 15 percent from July, and the finance minister said a "
            "proposal to tax pension income above a certain level had been dropped after "
            "consultations. Private sector retirees, however, will see no change to how their "
            "pension income is treated."
        ),
        P(
            "Defending the package in the National Assembly, the finance minister acknowledged "
            "the frustration of salaried workers but argued that the budget laid the groundwork "
            "for a fairer system over the next three years:"
        ),
        QUOTE(
            "&#8220;We understand that salaried people feel they are carrying more than their "
            "fair share. The long-term answer is to widen the net so that everyone who earns "
            "pays, and this budget begins that work by bringing traders and retailers into "
            "the system.&#8221;"
        ),
        P(
            "Tax advisers were sceptical. A partner at a Lahore-based accounting firm said "
            "similar promises to tax retailers had been made in almost every budget of the past "
            "decade, and that previous schemes had been quietly withdrawn after protests by "
            "trade associations. Until that changes, he said, salaried workers would continue "
            "to be the easiest source of revenue."
        ),
        H2("What comes next"),
        P(
            "The finance bill will now be debated in both houses of parliament, and amendments "
            "are expected. The Senate can only make recommendations, but the government has in "
            "the past accepted some of them. The budget must be passed before the start of the "
            "new fiscal year on July 1, when the revised rates are due to take effect."
        ),
    ]
    body = render(
        blocks,
        indent="          ",
        h2=lambda v: f'<h2 class="article-subhead">{v}</h2>',
        ul=lambda items: (
            '<ul class="article-list">\n' + "\n".join("  " + x for x in items) + "\n</ul>"
        ),
        quote=lambda v: f'<blockquote class="pullquote">\n  <p>{v}</p>\n</blockquote>',
    )
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} | Capital Times</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{url}">
  <meta property="og:url" content="{url}">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:description" content="Who pays more, who pays less, and what could still change before parliament votes.">
  <meta property="article:published_time" content="2024-06-13T10:00:00+05:00">
  <meta property="article:author" content="https://www.capitaltimes-example.pk/author/sana-mirza">
  <link rel="stylesheet" href="https://www.capitaltimes-example.pk/static/css/site.css">
</head>
<body>
  <header role="banner">
    <div class="brand"><a href="https://www.capitaltimes-example.pk/">Capital Times</a><span class="tagline">Islamabad's independent daily since 1998</span></div>
    <nav role="navigation" aria-label="Sections">
      <a href="https://www.capitaltimes-example.pk/national">National</a> |
      <a href="https://www.capitaltimes-example.pk/business">Business</a> |
      <a href="https://www.capitaltimes-example.pk/world">World</a> |
      <a href="https://www.capitaltimes-example.pk/sport">Sport</a> |
      <a href="https://www.capitaltimes-example.pk/editorial">Editorial</a> |
      <a href="https://www.capitaltimes-example.pk/budget-2024-25">Budget 2024-25</a>
    </nav>
  </header>
  <main>
    <nav class="breadcrumb" aria-label="You are here"><a href="https://www.capitaltimes-example.pk/">Home</a> &rsaquo; <a href="https://www.capitaltimes-example.pk/business">Business</a> &rsaquo; <span>Budget explainer</span></nav>
    <article itemscope itemtype="https://schema.org/NewsArticle">
      <header>
        <p class="kicker">Explainer</p>
        <h1 itemprop="headline">{esc(title)}</h1>
        <address class="author" itemprop="author" itemscope itemtype="https://schema.org/Person">
          By <a rel="author" href="https://www.capitaltimes-example.pk/author/sana-mirza" itemprop="url"><span itemprop="name">{author}</span></a>
        </address>
        <p class="dateline"><time itemprop="datePublished" datetime="2024-06-13T10:00:00+05:00">June 13, 2024</time></p>
        <div class="article-tools">
          <button type="button" onclick="window.print()">Print</button>
          <button type="button" class="font-smaller" aria-label="Smaller text">A-</button>
          <button type="button" class="font-larger" aria-label="Larger text">A+</button>
        </div>
      </header>
      <section class="article-body" itemprop="articleBody">
{body}
      </section>
      <footer class="article-footer">
        <p class="filed-under">Filed under: <a href="https://www.capitaltimes-example.pk/tag/budget">Budget</a>, <a href="https://www.capitaltimes-example.pk/tag/taxation">Taxation</a>, <a href="https://www.capitaltimes-example.pk/tag/salaried-class">Salaried class</a></p>
        <p class="corrections">Spotted an error? <a href="https://www.capitaltimes-example.pk/corrections">Tell us</a>.</p>
      </footer>
    </article>
    <aside class="series-box" aria-labelledby="series-title">
      <h3 id="series-title">More on Budget 2024-25</h3>
      <ul>
        <li><a href="https://www.capitaltimes-example.pk/business/budget-2024-25-defence-spending">Defence allocation raised by 14pc to Rs2.1tr</a></li>
        <li><a href="https://www.capitaltimes-example.pk/business/budget-2024-25-gst-exemptions">GST exemptions withdrawn on 29 items including stationery</a></li>
        <li><a href="https://www.capitaltimes-example.pk/business/budget-2024-25-development-programme">Federal development programme cut to Rs1.15tr</a></li>
        <li><a href="https://www.capitaltimes-example.pk/editorial/a-budget-for-the-lenders">Editorial: A budget for the lenders</a></li>
      </ul>
    </aside>
  </main>
  <footer role="contentinfo">
    <p><a href="https://www.capitaltimes-example.pk/about">About</a> &middot; <a href="https://www.capitaltimes-example.pk/contact">Contact</a> &middot; <a href="https://www.capitaltimes-example.pk/privacy">Privacy</a> &middot; <a href="https://www.capitaltimes-example.pk/archive">Archive</a></p>
    <p>&copy; Capital Times 2024. All rights reserved.</p>
  </footer>
</body>
</html>
"""
    page(
        "subheadings_list_quote",
        title=title,
        author=author,
        date="2024-06-13",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ========================================================== 5. paywall_cookie_ads


def paywall_cookie_ads():
    title = "Pakistan clinch series in Rawalpindi after rain-hit final day"
    url = "https://www.sportingchronicle-example.com/cricket/pakistan-clinch-series-rawalpindi-rain-final-day"
    author = "Hamza Tariq"
    base = "https://www.sportingchronicle-example.com"

    def ad(n):
        return X(f"""\
        <div class="ad-slot ad-slot--inarticle" id="ad-inarticle-{n}" data-ad-unit="/2219/sport/article/inarticle_{n}">
          <p class="ad-slot__label">Advertisement</p>
          <div class="ad-slot__creative" style="min-height:250px"></div>
        </div>""")

    def read_more(text, href):
        return X(
            f'<p class="read-more"><strong>Read more:</strong> <a href="{base}{href}">{esc(text)}</a></p>'
        )

    paywall = X(f"""\
        <div class="paywall-inline" role="region" aria-label="Subscription offer">
          <h3 class="paywall-inline__title">Subscribe to continue reading</h3>
          <p class="paywall-inline__text">You've read 3 of your 5 free articles this month. Subscribe now for unlimited access to live scores, expert analysis and the Chronicle archive, from just Rs299 a month.</p>
          <a class="paywall-inline__button" href="{base}/subscribe?src=inline">Subscribe now</a>
          <p class="paywall-inline__login">Already a subscriber? <a href="{base}/login">Log in</a></p>
        </div>""")

    blocks = [
        P(
            "<strong>RAWALPINDI:</strong> Pakistan secured a 1-0 series victory on Monday after "
            "persistent rain wiped out most of the final day of the third Test, leaving the "
            "visitors with too little time to chase the 289 runs they needed. Only 31 overs "
            "were possible before the umpires called off play shortly after tea, with the pitch "
            "covers back on for the fourth time."
        ),
        P(
            "The home side had set up the result on Sunday evening, when their spinners took "
            "three quick wickets to leave the visitors struggling on 54 for three. Resuming on "
            "Monday morning, the visiting captain and his deputy batted with great care through "
            "a damp first session, adding 61 runs before a sharp shower sent the players back "
            "to the pavilion."
        ),
        read_more(
            "Women's team named for Asia Cup with three uncapped players",
            "/cricket/womens-team-named-asia-cup-three-uncapped",
        ),
        P(
            "When play resumed after lunch, the leg-spinner struck twice in the space of four "
            "balls, first trapping the vice-captain leg before wicket and then finding the edge "
            "of the new batsman's bat. The crowd, which had waited patiently under umbrellas for "
            "much of the morning, finally had something to celebrate, and the stands rang with "
            "chants for the young bowler."
        ),
        ad(1),
        P(
            "That burst proved decisive. The visitors reached 139 for five before the rain "
            "returned, and although the ground staff worked hard to clear the outfield, the "
            "umpires ruled that conditions were unsafe. Pakistan's captain said afterwards that "
            "his team had been frustrated by the weather but were proud to have won a series in "
            "which many had written them off."
        ),
        paywall,
        P(
            "&#8220;We came into this series with a young squad and a lot of questions about our "
            "bowling,&#8221; he told reporters. &#8220;To win it, even in these circumstances, "
            "says a lot about the character of the group. The spinners were outstanding all "
            "series, and I think the batting showed maturity in the second Test when we were "
            "under real pressure.&#8221;"
        ),
        P(
            "The leg-spinner, playing only his third Test, was named player of the series after "
            "taking 17 wickets at an average of just over 21. He said he had worked on his "
            "variations with the bowling coach throughout the domestic season and had been "
            "given the confidence to attack even when batsmen were scoring freely against him."
        ),
        read_more(
            "Cricket board confirms new central contracts after month-long delay",
            "/cricket/board-confirms-central-contracts-delay",
        ),
        P(
            "The two teams now move on to a three-match one-day series, which begins in Multan "
            "on Friday. The visitors are expected to recall two senior fast bowlers who were "
            "rested for the Tests, while Pakistan will be without their first-choice "
            "wicketkeeper, who injured his finger while fielding on the fourth day and has been "
            "ruled out for two weeks."
        ),
        ad(2),
    ]
    body = render(blocks, indent="        ", p=lambda v: f'<p class="article__para">{v}</p>')
    doc = f"""<!DOCTYPE html>
<html lang="en-PK">
<head>
<meta charset="utf-8">
<title>{esc(title)} | Sport | The Sporting Chronicle</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{url}">
<meta property="og:url" content="{url}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="The Sporting Chronicle">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-03-18T17:45:00+05:00">
<script src="https://cmp.consent-example.com/stub.js"></script>
<script async src="https://ads.sportingchronicle-example.com/prebid.js"></script>
<style>
  #cmp-overlay{{position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:9999}}
  .cmp-dialog{{max-width:640px;margin:10vh auto;background:#fff;padding:24px}}
  .paywall-inline{{border-top:4px solid #c00;padding:16px;background:#fdf4f4}}
</style>
</head>
<body class="article-page sport cricket">
<div id="cmp-overlay" role="dialog" aria-modal="true" aria-labelledby="cmp-title">
  <div class="cmp-dialog">
    <h2 id="cmp-title">We value your privacy</h2>
    <p>We and our 142 partners store and/or access information on a device, such as cookies, and process personal data, such as unique identifiers and standard information sent by a device, for personalised advertising and content, advertising and content measurement, audience research and services development.</p>
    <p>With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our partners' processing as described above. Alternatively you may access more detailed information and change your preferences before consenting or to refuse consenting. Your preferences will apply to this website only and you can change them at any time by returning to this site or visiting our privacy policy.</p>
    <div class="cmp-buttons">
      <button type="button" class="cmp-btn cmp-btn--secondary">Manage preferences</button>
      <button type="button" class="cmp-btn cmp-btn--secondary">Reject all</button>
      <button type="button" class="cmp-btn cmp-btn--primary">Accept all</button>
    </div>
  </div>
</div>
<div class="site-wrapper">
  <header class="site-header">
    <a class="logo" href="{base}/">The Sporting Chronicle</a>
    <nav class="primary-nav">
      <ul>
        <li><a href="{base}/cricket">Cricket</a></li>
        <li><a href="{base}/football">Football</a></li>
        <li><a href="{base}/hockey">Hockey</a></li>
        <li><a href="{base}/tennis">Tennis</a></li>
        <li><a href="{base}/olympics">Olympics</a></li>
        <li><a href="{base}/live-scores">Live scores</a></li>
        <li><a href="{base}/fixtures">Fixtures &amp; results</a></li>
      </ul>
    </nav>
    <a class="subscribe-btn" href="{base}/subscribe">Subscribe</a>
  </header>
  <div class="scores-strip">
    <span class="scores-strip__item">3rd Test, Rawalpindi: PAK 312 &amp; 241/7d; VIS 265 &amp; 139/5 &mdash; Match drawn, PAK win series 1-0</span>
    <span class="scores-strip__item">PSL Final: Lahore 188/6 beat Multan 170 by 18 runs</span>
  </div>
  <div class="ad-slot ad-slot--leaderboard"><p class="ad-slot__label">Advertisement</p></div>
  <main class="content">
    <article class="article">
      <header class="article__header">
        <a class="article__section" href="{base}/cricket">Cricket</a>
        <h1 class="article__title">{esc(title)}</h1>
        <p class="article__byline">By <a href="{base}/writers/hamza-tariq">{author}</a> in Rawalpindi</p>
        <p class="article__date"><time datetime="2024-03-18T17:45:00+05:00">Monday 18 March 2024 17:45 PKT</time></p>
      </header>
      <div class="article__body">
{body}
      </div>
      <div class="article__more">
        <h3>More cricket</h3>
        <ul>
          <li><a href="{base}/cricket/ten-talking-points-rawalpindi">Ten talking points from a rain-soaked Rawalpindi Test</a></li>
          <li><a href="{base}/cricket/multan-odi-preview">Preview: Multan set for first one-day international in two years</a></li>
          <li><a href="{base}/cricket/interview-bowling-coach">Interview: the bowling coach behind Pakistan's spin revival</a></li>
        </ul>
      </div>
    </article>
    <aside class="sidebar">
      <div class="ad-slot ad-slot--mpu"><p class="ad-slot__label">Advertisement</p></div>
      <section class="table-widget">
        <h3>World Test Championship standings</h3>
        <table>
          <tr><th>Team</th><th>P</th><th>W</th><th>PCT</th></tr>
          <tr><td>India</td><td>9</td><td>6</td><td>68.5</td></tr>
          <tr><td>New Zealand</td><td>6</td><td>3</td><td>50.0</td></tr>
          <tr><td>Pakistan</td><td>8</td><td>4</td><td>48.6</td></tr>
          <tr><td>Australia</td><td>11</td><td>7</td><td>62.5</td></tr>
        </table>
      </section>
    </aside>
  </main>
  <footer class="site-footer">
    <p>&copy; 2024 The Sporting Chronicle. All rights reserved. <a href="{base}/privacy">Privacy</a> | <a href="{base}/cookies">Cookie settings</a> | <a href="{base}/terms">Terms</a> | <a href="{base}/contact">Contact us</a></p>
  </footer>
</div>
</body>
</html>
"""
    page(
        "paywall_cookie_ads",
        title=title,
        author=author,
        date="2024-03-18",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ============================================================ 6. jsonld_table_layout


def jsonld_table_layout():
    title = "Heatwave warning issued for southern Punjab as temperatures approach 48C"
    url = "https://www.southasiaobserver-example.com/news/2024/05/heatwave-warning-southern-punjab"
    author = "Nadia Karim"
    base = "https://www.southasiaobserver-example.com"
    blocks = [
        P(
            "LAHORE: The provincial disaster management authority on Thursday issued a severe "
            "heatwave warning for southern Punjab, saying daytime temperatures could approach "
            "48 degrees Celsius in parts of the region over the next five days. Districts "
            "including Bahawalpur, Rahim Yar Khan, Multan and Dera Ghazi Khan are expected to "
            "be worst affected, according to the authority's advisory."
        ),
        P(
            "The meteorological department said a persistent high-pressure system over the "
            "region was preventing the arrival of cooler air, and that nights would also remain "
            "unusually warm. Forecasters warned that humidity levels could rise towards the end "
            "of the week, making conditions more dangerous for outdoor workers, the elderly and "
            "young children."
        ),
        P(
            "Hospitals in the affected districts have been told to set up dedicated heatstroke "
            "units and to keep adequate stocks of intravenous fluids and ice. A health "
            "department official said doctors had already treated dozens of patients for heat "
            "exhaustion in Multan this week, most of them labourers and farmworkers who had been "
            "working in the fields during the afternoon."
        ),
        P(
            "Schools in several districts have brought forward their summer holidays by two "
            "weeks, and the provincial education department said examinations scheduled for "
            "next week would be held in the early morning. Parents were advised to keep "
            "children indoors between eleven in the morning and four in the afternoon and to "
            "ensure they drank plenty of water."
        ),
        P(
            "Farmers' groups expressed concern about the impact on the cotton crop, which is at "
            "a sensitive stage of growth. A representative of a growers' association in Rahim "
            "Yar Khan said many farmers were unable to irrigate their fields properly because "
            "of canal closures and power cuts that had disrupted tube-well operations in recent "
            "days."
        ),
        P(
            "Officials urged residents to avoid unnecessary travel during the hottest part of "
            "the day, wear light clothing and check on neighbours who live alone. The authority "
            "said it would set up water points at bus stations and major intersections in the "
            "worst-affected cities and would issue further updates as the situation develops."
        ),
    ]
    article_body = "\n".join(body_lines(blocks))
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "headline": title,
                "description": "Temperatures could approach 48C in Bahawalpur, Rahim Yar Khan, Multan and Dera Ghazi Khan.",
                "image": [
                    "https://img.southasiaobserver-example.com/2024/05/23/heat-multan-1600x900.jpg"
                ],
                "datePublished": "2024-05-23T11:20:00+05:00",
                "dateModified": "2024-05-23T15:05:00+05:00",
                "author": [{"@type": "Person", "name": author, "url": base + "/staff/nadia-karim"}],
                "publisher": {
                    "@type": "Organization",
                    "name": "South Asia Observer",
                    "logo": {"@type": "ImageObject", "url": base + "/static/logo-600x60.png"},
                },
                "articleSection": "Pakistan",
                "inLanguage": "en",
                "articleBody": article_body,
            },
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": base + "/"},
                    {"@type": "ListItem", "position": 2, "name": "News", "item": base + "/news/"},
                    {"@type": "ListItem", "position": 3, "name": title},
                ],
            },
        ],
    }
    ld_json = json.dumps(ld, ensure_ascii=False, indent=1).replace("</", "<\\/")
    # Old-school CMS: layout tables, paragraphs separated by <br><br>, no <p>.
    body = "\n".join(
        textwrap.fill(v, width=110, break_long_words=False, break_on_hyphens=False) + "\n<br><br>"
        for k, v in blocks
    )
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)} | South Asia Observer</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:description" content="Temperatures could approach 48C in Bahawalpur, Rahim Yar Khan, Multan and Dera Ghazi Khan.">
<meta property="og:url" content="{url}">
<meta property="og:image" content="https://img.southasiaobserver-example.com/2024/05/23/heat-multan-1600x900.jpg">
<meta property="og:site_name" content="South Asia Observer">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{esc(title)}">
<script type="application/ld+json">
{ld_json}
</script>
<link rel="stylesheet" type="text/css" href="/css/observer.css">
</head>
<body bgcolor="#ffffff" topmargin="0" leftmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center" id="outer">
<tr>
<td colspan="3" class="topbanner"><a href="{base}/"><img src="/images/observer-logo.gif" alt="South Asia Observer" width="300" height="60" border="0"></a>
<span class="topdate">Thursday, May 23, 2024</span></td>
</tr>
<tr>
<td colspan="3" class="navbar">
<a href="{base}/" class="navlink">Home</a> |
<a href="{base}/news/" class="navlink">News</a> |
<a href="{base}/business/" class="navlink">Business</a> |
<a href="{base}/sports/" class="navlink">Sports</a> |
<a href="{base}/weather/" class="navlink">Weather</a> |
<a href="{base}/editorials/" class="navlink">Editorials</a> |
<a href="{base}/letters/" class="navlink">Letters</a> |
<a href="{base}/classifieds/" class="navlink">Classifieds</a> |
<a href="{base}/archives/" class="navlink">Archives</a>
</td>
</tr>
<tr>
<td width="180" valign="top" class="leftcol">
<table width="100%" cellpadding="4" cellspacing="0" border="0">
<tr><td class="boxhead">Top Stories</td></tr>
<tr><td class="boxitem"><a href="{base}/news/2024/05/wheat-procurement-target-missed">Wheat procurement target missed as farmers hold stocks</a></td></tr>
<tr><td class="boxitem"><a href="{base}/news/2024/05/lahore-metro-fares-revised">Lahore metro bus fares revised from June 1</a></td></tr>
<tr><td class="boxitem"><a href="{base}/news/2024/05/dengue-surveillance-begins">Dengue surveillance teams begin door-to-door visits</a></td></tr>
<tr><td class="boxitem"><a href="{base}/news/2024/05/power-tariff-hike-notified">Regulator notifies Rs3.2 per unit increase in power tariff</a></td></tr>
<tr><td class="boxhead">Weather</td></tr>
<tr><td class="boxitem">Lahore 44&deg;C / 29&deg;C<br>Multan 47&deg;C / 31&deg;C<br>Bahawalpur 47&deg;C / 30&deg;C</td></tr>
</table>
</td>
<td width="600" valign="top" class="centercol">
<table width="100%" cellpadding="8" cellspacing="0" border="0">
<tr><td class="storyheadline"><font size="5" face="Georgia"><b>{esc(title)}</b></font></td></tr>
<tr><td class="storybyline">By <b>{author}</b> &middot; Staff Reporter</td></tr>
<tr><td class="storytools"><a href="javascript:window.print()">Print this story</a> &middot; <a href="mailto:?subject={esc(title)}">Email this story</a></td></tr>
<tr>
<td class="storytext" valign="top">
{body}
</td>
</tr>
<tr><td class="storyfooter"><i>Copyright &copy; South Asia Observer. All rights reserved.</i></td></tr>
<tr><td class="relatedhead">Related News</td></tr>
<tr><td class="relateditem">&raquo; <a href="{base}/news/2024/05/karachi-heatstroke-centres-opened">Karachi opens 40 heatstroke relief centres ahead of summer peak</a><br>
&raquo; <a href="{base}/news/2024/05/power-outages-heat-protests">Residents protest prolonged power outages amid scorching heat</a><br>
&raquo; <a href="{base}/news/2024/04/cotton-sowing-target">Cotton sowing lags behind target in southern districts</a></td></tr>
</table>
</td>
<td width="200" valign="top" class="rightcol">
<table width="100%" cellpadding="4" cellspacing="0" border="0">
<tr><td class="adlabel">ADVERTISEMENT</td></tr>
<tr><td><a href="{base}/ads/click?id=7781"><img src="/ads/banner-200x400.gif" alt="Summer sale: up to 40% off air conditioners" width="200" height="400" border="0"></a></td></tr>
<tr><td class="boxhead">Poll</td></tr>
<tr><td class="boxitem">Should school summer holidays start earlier every year?<br>
<form action="{base}/poll/vote" method="post"><input type="radio" name="v" value="1"> Yes<br><input type="radio" name="v" value="2"> No<br><input type="submit" value="Vote"></form></td></tr>
</table>
</td>
</tr>
<tr>
<td colspan="3" class="footer" align="center">
<a href="{base}/about.html">About Us</a> | <a href="{base}/contact.html">Contact</a> | <a href="{base}/advertise.html">Advertise</a> | <a href="{base}/privacy.html">Privacy Policy</a><br>
&copy; 1999-2024 South Asia Observer. All rights reserved. Best viewed at 1024x768.
</td>
</tr>
</table>
</body>
</html>
"""
    page(
        "jsonld_table_layout",
        title=title,
        author=author,
        date="2024-05-23",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ================================================================== 7. urdu_rtl


def urdu_rtl():
    title = "بلوچستان کے شمالی اضلاع میں شدید برفباری، کئی شاہراہیں بند"
    url = (
        "https://www.roznama-aaina-example.pk/news/balochistan-snowfall-highways-closed-2024-01-15"
    )
    author = "عمران بلوچ"
    base = "https://www.roznama-aaina-example.pk"
    blocks = [
        P(
            "<strong>کوئٹہ:</strong> بلوچستان کے شمالی اضلاع میں گزشتہ چوبیس گھنٹوں سے جاری "
            "شدید برفباری کے باعث کئی اہم شاہراہیں ٹریفک کے لیے بند کر دی گئی ہیں، جبکہ "
            "سینکڑوں مسافر مختلف مقامات پر پھنس کر رہ گئے ہیں۔ صوبائی ڈیزاسٹر مینجمنٹ اتھارٹی "
            "کے مطابق زیارت، قلعہ عبداللہ اور کان مہترزئی میں ایک سے دو فٹ تک برف ریکارڈ کی "
            "گئی ہے۔"
        ),
        P(
            "حکام کا کہنا ہے کہ کوئٹہ کو ژوب سے ملانے والی قومی شاہراہ پر کان مہترزئی کے مقام "
            "پر گاڑیوں کی لمبی قطاریں لگ گئیں۔ لیویز اور فرنٹیئر کور کے اہلکاروں نے رات بھر "
            "امدادی کارروائیاں جاری رکھیں اور خواتین اور بچوں سمیت دو سو سے زائد مسافروں کو "
            "قریبی سرکاری عمارتوں میں منتقل کیا گیا جہاں انہیں کمبل اور گرم کھانا فراہم کیا "
            "گیا۔"
        ),
        P(
            "محکمہ موسمیات نے پیش گوئی کی ہے کہ مغربی ہواؤں کا یہ سلسلہ آئندہ اڑتالیس گھنٹوں "
            "تک برقرار رہ سکتا ہے۔ کوئٹہ میں کم سے کم درجہ حرارت منفی آٹھ ڈگری سینٹی گریڈ تک "
            "گر گیا، جبکہ زیارت میں پارہ منفی بارہ ڈگری ریکارڈ کیا گیا۔ شہریوں کو غیر ضروری "
            "سفر سے گریز کرنے اور گاڑیوں میں ٹائر چین ساتھ رکھنے کی ہدایت کی گئی ہے۔"
        ),
        P(
            "شدید سردی کے باعث شہر کے کئی علاقوں میں گیس کا دباؤ بھی انتہائی کم ہو گیا ہے۔ "
            "سیٹلائٹ ٹاؤن اور سریاب روڈ کے رہائشیوں نے شکایت کی کہ صبح اور شام کے اوقات میں "
            "چولہے جلانا مشکل ہو گیا ہے، جس کی وجہ سے لوگ لکڑی اور کوئلہ خریدنے پر مجبور ہیں۔ "
            "گیس کمپنی کے ترجمان نے کہا کہ طلب میں غیر معمولی اضافے کے باعث یہ صورتحال پیدا "
            "ہوئی۔"
        ),
        P(
            "صوبائی حکومت نے متاثرہ اضلاع میں ہنگامی حالت نافذ کرتے ہوئے برف ہٹانے والی اضافی "
            "مشینری روانہ کر دی ہے۔ وزیر اعلیٰ کے ترجمان کے مطابق تمام ڈپٹی کمشنرز کو ہدایت کی "
            "گئی ہے کہ وہ چوبیس گھنٹے کنٹرول روم فعال رکھیں اور پھنسے ہوئے مسافروں کی مدد کے "
            "لیے مقامی رضاکاروں سے بھی رابطے میں رہیں۔"
        ),
        P(
            "ادھر زیارت اور گرد و نواح کے مقامی تاجروں کا کہنا ہے کہ برفباری سے سیاحت کو فروغ "
            "ملنے کی امید ہے، تاہم سڑکوں کی بندش نے فی الحال کاروبار کو متاثر کیا ہے۔ ہوٹل "
            "مالکان کے مطابق ہفتے کے آخر میں بڑی تعداد میں سیاحوں کی آمد متوقع تھی لیکن اب "
            "زیادہ تر بکنگ منسوخ کر دی گئی ہے۔"
        ),
    ]
    ad = X(
        '<div class="ad-box"><span class="ad-label">اشتہار</span><div class="ad-300x250"></div></div>'
    )
    blocks.insert(3, ad)
    body = render(blocks, indent="        ", p=lambda v: f'<p class="urdu-text">{v}</p>')
    nav_items = [
        ("صفحہ اول", "/"),
        ("پاکستان", "/pakistan"),
        ("بین الاقوامی", "/world"),
        ("کاروبار", "/business"),
        ("کھیل", "/sports"),
        ("شوبز", "/showbiz"),
        ("صحت", "/health"),
        ("ٹیکنالوجی", "/technology"),
        ("کالم", "/columns"),
        ("ویڈیوز", "/videos"),
    ]
    related = [
        (
            "کوئٹہ میں سردی کی شدت برقرار، گیس کی لوڈشیڈنگ کے خلاف شہریوں کا احتجاج",
            "/news/quetta-gas-protest",
        ),
        ("گوادر بندرگاہ پر نئے ٹرمینل کی تعمیر کا آغاز", "/news/gwadar-new-terminal"),
        ("قومی اسمبلی کا اجلاس کل طلب، اہم قانون سازی متوقع", "/news/national-assembly-session"),
        (
            "پی ایس ایل کے نئے سیزن کا شیڈول جاری، افتتاحی میچ لاہور میں ہوگا",
            "/sports/psl-schedule",
        ),
    ]
    doc = f"""<!DOCTYPE html>
<html lang="ur" dir="rtl">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} | روزنامہ آئینہ</title>
  <link rel="canonical" href="{url}">
  <meta property="og:url" content="{url}">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:locale" content="ur_PK">
  <meta property="og:site_name" content="روزنامہ آئینہ">
  <meta name="author" content="{author}">
  <link rel="stylesheet" href="{base}/assets/css/nastaliq.css">
  <style>body{{font-family:"Jameel Noori Nastaleeq","Noto Nastaliq Urdu",serif;direction:rtl}}</style>
</head>
<body>
  <div class="top-strip">
    <span class="today">پیر، 15 جنوری 2024</span>
    <a href="{base}/epaper">ای پیپر</a>
    <a href="{base}/login">لاگ اِن</a>
  </div>
  <header class="header">
    <div class="logo"><a href="{base}/"><img src="{base}/assets/img/logo.png" alt="روزنامہ آئینہ"></a></div>
    <nav class="main-menu">
      <ul>
{links([(t, base + h) for t, h in nav_items], indent=" " * 8)}
      </ul>
    </nav>
  </header>
  <div class="breaking">
    <span class="breaking-label">تازہ ترین</span>
    <marquee direction="right" scrollamount="4">
      <a href="{base}/news/pm-china-visit">وزیر اعظم کا دورہ چین آج سے شروع</a> &bull;
      <a href="{base}/news/petrol-price-cut">پٹرولیم مصنوعات کی قیمتوں میں کمی کا امکان</a> &bull;
      <a href="{base}/business/psx-rally">اسٹاک مارکیٹ میں تیزی، انڈیکس میں 600 پوائنٹس کا اضافہ</a>
    </marquee>
  </div>
  <div class="container">
    <div class="news-detail">
      <div class="category-tag"><a href="{base}/pakistan/balochistan">بلوچستان</a></div>
      <h1 class="news-title">{esc(title)}</h1>
      <div class="news-meta">
        <span class="reporter">{author}، کوئٹہ</span>
        <span class="sep">|</span>
        <time datetime="2024-01-15T13:30:00+05:00">15 جنوری 2024</time>
      </div>
      <div class="share-icons">
        <span>شیئر کریں:</span>
        <a href="https://www.facebook.com/sharer/sharer.php?u={url}">فیس بک</a>
        <a href="https://x.com/intent/post?url={url}">ایکس</a>
        <a href="https://wa.me/?text={url}">واٹس ایپ</a>
      </div>
      <div class="news-body">
{body}
      </div>
      <div class="tags">ٹیگز: <a href="{base}/tag/snowfall">برفباری</a> <a href="{base}/tag/quetta">کوئٹہ</a> <a href="{base}/tag/weather">موسم</a></div>
      <div class="comments">
        <h3>اپنی رائے دیں</h3>
        <form action="{base}/comments/post" method="post">
          <input type="text" name="name" placeholder="نام">
          <input type="email" name="email" placeholder="ای میل">
          <textarea name="comment" placeholder="تبصرہ لکھیں"></textarea>
          <button type="submit">تبصرہ بھیجیں</button>
        </form>
        <p class="comment-note">ادارے کا قارئین کی رائے سے متفق ہونا ضروری نہیں۔</p>
      </div>
    </div>
    <aside class="sidebar">
      <h3>مزید خبریں</h3>
      <ul class="related-news">
{links([(t, base + h) for t, h in related], indent=" " * 8)}
      </ul>
      <div class="ad-box"><span class="ad-label">اشتہار</span><div class="ad-300x600"></div></div>
    </aside>
  </div>
  <footer class="footer">
    <ul class="footer-links">
      <li><a href="{base}/about">ہمارے بارے میں</a></li>
      <li><a href="{base}/contact">رابطہ کریں</a></li>
      <li><a href="{base}/privacy">رازداری کی پالیسی</a></li>
      <li><a href="{base}/advertise">اشتہارات کے لیے</a></li>
    </ul>
    <p class="copyright">&copy; 2024 روزنامہ آئینہ۔ جملہ حقوق محفوظ ہیں۔</p>
  </footer>
</body>
</html>
"""
    page(
        "urdu_rtl",
        title=title,
        author=author,
        date="2024-01-15",
        canonical=url,
        language="ur",
        blocks=blocks,
        html_text=doc,
    )


# ================================================================= 8. french_local


def french_local():
    title = "Inondations dans le Sud-Ouest : plus de 3 000 personnes évacuées"
    author = "Claire Dumas"
    base = "https://www.lagazettedumidi-exemple.fr"
    blocks = [
        P(
            "Plus de 3 000 personnes ont été évacuées dans la nuit de jeudi à vendredi dans "
            "plusieurs communes du Sud-Ouest, après des pluies diluviennes qui ont fait sortir "
            "de leur lit plusieurs cours d'eau. Selon la préfecture, les secteurs les plus "
            "touchés se situent le long de la Garonne et de ses affluents, où l'eau est montée "
            "de près de deux mètres en quelques heures."
        ),
        P(
            "Les services de secours, renforcés par des équipes venues des départements "
            "voisins, ont mené plus de 400 interventions depuis jeudi après-midi. Des "
            "hélicoptères de la sécurité civile ont été mobilisés pour hélitreuiller des "
            "habitants restés bloqués sur le toit de leur maison. Aucun décès n'était à déplorer "
            "vendredi matin, mais une dizaine de personnes ont été légèrement blessées."
        ),
        X(
            f'<p class="article__inline-link">Lire aussi : <a href="{base}/faits-divers/tempete-images-vagues-cote-basque">Tempête : les images spectaculaires des vagues sur la côte basque</a></p>'
        ),
        P(
            "Dans la commune de Saint-Martin-sur-Garonne, le maire a ouvert le gymnase municipal "
            "pour accueillir les sinistrés. « Nous avons vu l'eau arriver beaucoup plus vite "
            "que lors des crues précédentes », a-t-il expliqué, la voix fatiguée après une nuit "
            "sans sommeil. Près de deux cents personnes y ont dormi sur des lits de camp fournis "
            "par la Croix-Rouge."
        ),
        P(
            "Météo-France a maintenu vendredi la vigilance rouge pour les crues dans deux "
            "départements et la vigilance orange pour les pluies dans quatre autres. Les "
            "prévisionnistes annoncent une accalmie à partir de samedi, mais préviennent que le "
            "niveau des rivières pourrait continuer à monter pendant plusieurs jours, le temps "
            "que l'eau tombée en amont s'écoule vers l'aval."
        ),
        X(f"""\
        <aside class="article__promo-abo">
          <p class="promo-abo__titre">Cet article vous est offert.</p>
          <p class="promo-abo__texte">Soutenez une information locale de qualité : abonnez-vous à La Gazette du Midi pour 1 &euro; le premier mois.</p>
          <a class="promo-abo__bouton" href="{base}/abonnement">Je m'abonne</a>
        </aside>"""),
        P(
            "La circulation reste très perturbée dans toute la région. Une trentaine de routes "
            "départementales sont coupées et le trafic ferroviaire a été interrompu sur "
            "plusieurs lignes régionales. La SNCF recommande aux voyageurs de reporter leurs "
            "déplacements non indispensables et annonce que les billets pourront être échangés "
            "ou remboursés sans frais jusqu'à dimanche."
        ),
        P(
            "Les agriculteurs redoutent déjà des pertes importantes. Dans certaines "
            "exploitations, les vendanges tardives n'étaient pas terminées et des parcelles "
            "entières se trouvent désormais sous l'eau. La chambre d'agriculture a demandé la "
            "reconnaissance rapide de l'état de catastrophe naturelle afin que les exploitants "
            "puissent être indemnisés dans les meilleurs délais."
        ),
        P(
            "Le ministre de l'Intérieur doit se rendre sur place samedi. Le gouvernement a "
            "promis que les procédures d'indemnisation seraient accélérées et que les communes "
            "sinistrées recevraient une aide d'urgence pour réparer les équipements publics "
            "endommagés, notamment les écoles, les ponts et les routes."
        ),
    ]
    body = render(blocks, indent="          ", p=lambda v: f'<p class="article__paragraph">{v}</p>')
    plus_lus = [
        (
            "Toulouse : la ligne C du métro mise en service plus tôt que prévu",
            "/toulouse/ligne-c-metro-mise-en-service",
        ),
        (
            "Rugby : le Stade toulousain s'impose dans le choc face à Bordeaux-Bègles",
            "/sport/rugby/stade-toulousain-bordeaux-begles",
        ),
        (
            "Prix de l'immobilier : les villes moyennes du Sud-Ouest toujours attractives",
            "/economie/prix-immobilier-villes-moyennes",
        ),
        (
            "Sécheresse : les restrictions d'eau levées dans trois départements",
            "/environnement/secheresse-restrictions-levees",
        ),
    ]
    doc = f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} - La Gazette du Midi</title>
  <meta name="description" content="Pluies diluviennes, rivières en crue : la préfecture fait état de plus de 3 000 évacuations.">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="La Gazette du Midi">
  <link rel="stylesheet" href="{base}/static/css/gazette.min.css">
</head>
<body class="page-article">
  <div class="bandeau-cookies" role="region" aria-label="Cookies">
    <p>Avec votre accord, nous et nos partenaires utilisons des cookies ou technologies similaires pour stocker et accéder à des informations personnelles comme votre visite sur ce site.</p>
    <button type="button">Accepter et fermer</button> <button type="button">Continuer sans accepter</button> <button type="button">Paramétrer</button>
  </div>
  <header class="entete">
    <a class="entete__logo" href="{base}/">La Gazette du Midi</a>
    <nav class="entete__menu" aria-label="Rubriques">
      <ul>
        <li><a href="{base}/actualites">Actualités</a></li>
        <li><a href="{base}/politique">Politique</a></li>
        <li><a href="{base}/economie">Économie</a></li>
        <li><a href="{base}/societe">Société</a></li>
        <li><a href="{base}/sport">Sport</a></li>
        <li><a href="{base}/culture">Culture</a></li>
        <li><a href="{base}/meteo">Météo</a></li>
      </ul>
    </nav>
    <a class="entete__abo" href="{base}/abonnement">S'abonner</a>
    <a class="entete__compte" href="{base}/connexion">Se connecter</a>
  </header>
  <main class="contenu">
    <article class="article">
      <header class="article__header">
        <p class="article__rubrique"><a href="{base}/faits-divers">Faits divers</a> &rsaquo; <a href="{base}/meteo/intemperies">Intempéries</a></p>
        <h1 class="article__titre">{esc(title)}</h1>
        <div class="article__meta">
          <span class="article__auteur">Par <a href="{base}/auteurs/claire-dumas">{author}</a></span>
          <span class="article__date">Publié le <time datetime="2024-10-18T07:45:00+02:00">18 octobre 2024 à 07h45</time>, mis à jour à 10h12</span>
          <span class="article__lecture">Lecture : 4 min</span>
        </div>
        <div class="article__partage">
          <a href="https://www.facebook.com/sharer/sharer.php">Partager sur Facebook</a>
          <a href="https://x.com/intent/post">Partager sur X</a>
          <button type="button">Copier le lien</button>
        </div>
      </header>
      <div class="article__content">
{body}
      </div>
      <footer class="article__footer">
        <a class="article__commentaires" href="#commentaires">Commentaires (24)</a>
        <p class="article__signalement"><a href="{base}/contact/signaler-une-erreur">Signaler une erreur</a></p>
      </footer>
    </article>
    <aside class="colonne">
      <section class="plus-lus">
        <h2>Les plus lus</h2>
        <ol>
{links([(t, base + h) for t, h in plus_lus], indent=" " * 10)}
        </ol>
      </section>
      <div class="pub"><span class="pub__mention">Publicité</span></div>
    </aside>
  </main>
  <footer class="pied">
    <ul>
      <li><a href="{base}/mentions-legales">Mentions légales</a></li>
      <li><a href="{base}/confidentialite">Politique de confidentialité</a></li>
      <li><a href="{base}/cookies">Gestion des cookies</a></li>
      <li><a href="{base}/contact">Nous contacter</a></li>
    </ul>
    <p>&copy; La Gazette du Midi 2024 &ndash; Tous droits réservés</p>
  </footer>
</body>
</html>
"""
    page(
        "french_local",
        title=title,
        author=author,
        date="2024-10-18",
        canonical=None,
        language="fr",
        blocks=blocks,
        html_text=doc,
    )


# ==================================================================== 9. wire_short


def wire_short():
    title = "Sri Lankan rupee firms after IMF board approves next loan tranche"
    url = "https://www.asiawire-example.com/markets/currencies/sri-lankan-rupee-firms-imf-tranche-2024-06-13/"
    base = "https://www.asiawire-example.com"
    blocks = [
        P(
            "COLOMBO, June 13 (Asia Wire) - The Sri Lankan rupee strengthened on Thursday after "
            "the International Monetary Fund's executive board approved the release of the next "
            "tranche of the country's bailout programme, easing concerns about the island's "
            "foreign currency reserves, dealers said."
        ),
        P(
            "The currency ended at 301.50 per dollar, compared with 303.20 at Wednesday's close, "
            "its strongest level in nearly three weeks. Dealers said exporters had sold dollars "
            "in early trade and that demand from importers had been relatively light ahead of "
            "the weekend."
        ),
        P(
            "The approval unlocks roughly 336 million dollars and follows a review in which the "
            "fund said Sri Lanka had made good progress on revenue collection and on "
            "restructuring its external debt, though it urged the government to keep spending "
            "under control ahead of elections due later in the year."
        ),
        P(
            "The benchmark stock index rose 0.8 percent by the close, with banking and "
            "conglomerate shares leading the gains. Foreign investors were net buyers of "
            "equities for a fourth straight session, purchasing shares worth 412 million "
            "rupees, according to data from the Colombo exchange."
        ),
    ]
    body = render(
        blocks,
        indent="            ",
        p=lambda v: (
            f'<p data-testid="paragraph" class="text__text__1FZLe text__dark-grey__3Ml43 body__full_width__ekUdw">{v}</p>'
        ),
    )
    read_next = [
        (
            "Asian shares edge up as investors await U.S. inflation data",
            "/markets/asia/asian-shares-edge-up-inflation-data-2024-06-13/",
            "Asian stocks rose modestly on Thursday as traders positioned for fresh inflation figures that could shape the timing of interest rate cuts.",
        ),
        (
            "Pakistan's budget targets wider tax net as lender talks loom",
            "/world/asia-pacific/pakistan-budget-tax-net-2024-06-12/",
            "Islamabad unveiled a budget aimed at raising revenue by nearly 40 percent ahead of negotiations on a new loan programme.",
        ),
        (
            "Bangladesh central bank raises policy rate to curb inflation",
            "/markets/asia/bangladesh-central-bank-raises-rate-2024-06-11/",
            "Bangladesh's central bank lifted its benchmark rate by 50 basis points, citing persistent food price pressure.",
        ),
        (
            "Oil steadies after surprise build in U.S. crude inventories",
            "/business/energy/oil-steadies-crude-inventories-2024-06-13/",
            "Oil prices held near one-week highs after industry data showed an unexpected rise in U.S. crude stocks.",
        ),
    ]
    read_next_html = "\n".join(
        f'          <li class="story-card"><a href="{base}{h}"><h3 class="story-card__title">{esc(t)}</h3></a>'
        f'<p class="story-card__summary">{esc(s)}</p><time class="story-card__time">June 13, 2024</time></li>'
        for t, h, s in read_next
    )
    most_read = [
        (
            "India's central bank keeps rates unchanged, signals caution on food prices",
            "/markets/asia/india-central-bank-keeps-rates-2024-06-07/",
        ),
        (
            "Gold slips as dollar firms before Fed decision",
            "/markets/commodities/gold-slips-dollar-firms-2024-06-12/",
        ),
        (
            "Nepal approves new hydropower export deal",
            "/business/energy/nepal-hydropower-export-deal-2024-06-10/",
        ),
        (
            "Maldives seeks debt relief talks with creditors",
            "/world/asia-pacific/maldives-debt-relief-talks-2024-06-09/",
        ),
        (
            "Japan's exports rise for sixth month on chip demand",
            "/markets/asia/japan-exports-rise-chips-2024-06-13/",
        ),
    ]
    doc = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(title)} | Asia Wire</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{url}">
<meta property="og:url" content="{url}">
<meta property="og:title" content="{esc(title)}">
<meta property="article:published_time" content="2024-06-13T11:42:00+05:30">
<meta name="analyticsAttributes.contentChannel" content="Currencies">
<link rel="stylesheet" href="{base}/pf/resources/styles/main.css">
</head>
<body>
<div id="fusion-app">
  <header class="site-header__header">
    <a class="site-header__logo" href="{base}/">Asia Wire</a>
    <nav class="site-header__nav" aria-label="Main navigation">
      <ul>
        <li><a href="{base}/world/">World</a></li>
        <li><a href="{base}/business/">Business</a></li>
        <li><a href="{base}/markets/">Markets</a></li>
        <li><a href="{base}/sustainability/">Sustainability</a></li>
        <li><a href="{base}/legal/">Legal</a></li>
        <li><a href="{base}/breakingviews/">Commentary</a></li>
        <li><a href="{base}/technology/">Technology</a></li>
        <li><a href="{base}/investigations/">Investigations</a></li>
        <li><a href="{base}/sports/">Sports</a></li>
        <li><a href="{base}/science/">Science</a></li>
        <li><a href="{base}/lifestyle/">Lifestyle</a></li>
      </ul>
    </nav>
    <div class="site-header__actions"><a href="{base}/account/register/">Register</a> <a href="{base}/account/sign-in/">Sign in</a></div>
  </header>
  <div class="market-ticker" aria-label="Market data">
    <div class="market-ticker__item">Nikkei 225 38,720.47 <span>+0.31%</span></div>
    <div class="market-ticker__item">Hang Seng 18,112.63 <span>-0.94%</span></div>
    <div class="market-ticker__item">Sensex 76,810.90 <span>+0.27%</span></div>
    <div class="market-ticker__item">Brent crude 82.60 <span>+0.18%</span></div>
    <div class="market-ticker__item">Gold 2,321.40 <span>-0.45%</span></div>
    <div class="market-ticker__item">USD/LKR 301.50 <span>-0.56%</span></div>
  </div>
  <main id="main-content" class="regular-article-layout__main">
    <div class="article-header__container">
      <nav class="breadcrumbs"><a href="{base}/markets/">Markets</a> <a href="{base}/markets/currencies/">Currencies</a></nav>
      <h1 data-testid="Heading" class="text__heading_3">{esc(title)}</h1>
      <div class="article-header__dateline"><time datetime="2024-06-13T06:12:00Z">June 13, 2024 11:42 AM GMT+5:30</time> <span>Updated 2 hours ago</span></div>
    </div>
    <div class="article-body__container">
      <div class="article-body__content" data-testid="ArticleBody">
{body}
      </div>
      <p class="sign-off">Our Standards: <a href="{base}/info-pages/trust-principles/">The Asia Wire Trust Principles.</a></p>
      <div class="info-content__license"><a href="{base}/licensing/?story=sri-lankan-rupee-firms">Purchase Licensing Rights</a>, opens new tab</div>
    </div>
    <section class="trust-box">
      <h2>Editorial standards</h2>
      <p>Asia Wire is committed to accuracy, independence and freedom from bias. Our journalists follow a published code of conduct, corrections are made promptly and transparently, and our reporting is never influenced by advertisers, owners or governments. Readers who believe a story contains an error can contact our standards editor at any time.</p>
    </section>
    <section class="read-next">
      <h2 class="read-next__heading">Read Next</h2>
      <ul>
{read_next_html}
      </ul>
    </section>
    <aside class="sidebar">
      <section class="most-read">
        <h2>Most Read</h2>
        <ol>
{links([(t, base + h) for t, h in most_read], indent=" " * 10)}
        </ol>
      </section>
      <section class="trending">
        <h2>Trending topics</h2>
        <ul><li><a href="{base}/topics/imf/">IMF</a></li><li><a href="{base}/topics/sri-lanka-debt/">Sri Lanka debt</a></li><li><a href="{base}/topics/asian-markets/">Asian markets</a></li><li><a href="{base}/topics/oil-prices/">Oil prices</a></li><li><a href="{base}/topics/elections-2024/">Elections 2024</a></li></ul>
      </section>
      <div class="ad-slot"><span>Advertisement &middot; Scroll to continue</span></div>
    </aside>
  </main>
  <footer class="site-footer">
    <div class="site-footer__columns">
      <ul><li><a href="{base}/world/">World</a></li><li><a href="{base}/business/">Business</a></li><li><a href="{base}/markets/">Markets</a></li><li><a href="{base}/technology/">Technology</a></li><li><a href="{base}/sports/">Sports</a></li></ul>
      <ul><li><a href="{base}/info-pages/about-us/">About Asia Wire</a></li><li><a href="{base}/careers/">Careers</a></li><li><a href="{base}/info-pages/contact-us/">Contact us</a></li><li><a href="{base}/advertise/">Advertise with us</a></li><li><a href="{base}/info-pages/newsletters/">Newsletters</a></li></ul>
      <ul><li><a href="{base}/info-pages/terms-of-use/">Terms of use</a></li><li><a href="{base}/info-pages/privacy/">Privacy</a></li><li><a href="{base}/info-pages/cookies/">Cookies</a></li><li><a href="{base}/info-pages/accessibility/">Accessibility</a></li><li><a href="{base}/info-pages/disclaimer/">Disclaimer</a></li></ul>
    </div>
    <p class="site-footer__disclaimer">All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays. Market data is provided for informational purposes only and is not intended for trading purposes or advice. Asia Wire does not accept liability for any loss or damage arising from reliance on this information.</p>
    <p class="site-footer__copyright">&copy; 2024 Asia Wire Service Ltd. All rights reserved.</p>
  </footer>
</div>
<script src="{base}/pf/dist/engine/react.js"></script>
</body>
</html>
"""
    page(
        "wire_short",
        title=title,
        author=None,
        date="2024-06-13",
        canonical=url,
        language=None,
        blocks=blocks,
        html_text=doc,
    )


# ============================================================= 10. figures_captions


def figures_captions():
    title = "Glacial lake floods threaten villages in Gilgit-Baltistan as temperatures soar"
    url = "https://www.northerndispatch-example.com/2024/07/08/glacial-lake-floods-gilgit-baltistan"
    author = "Karim Shah"
    base = "https://www.northerndispatch-example.com"
    img = "https://media.northerndispatch-example.com/2024/07"

    def fig(src, alt, caption, credit):
        return X(f"""\
        <figure class="inline-figure">
          <img src="{img}/{src}" alt="{esc(alt)}" width="1200" height="800" loading="lazy">
          <figcaption class="inline-figure__caption">{esc(caption)} <span class="inline-figure__credit">{esc(credit)}</span></figcaption>
        </figure>""")

    blocks = [
        P(
            "<strong>GILGIT:</strong> Authorities in Gilgit-Baltistan have issued warnings for "
            "more than a dozen villages at risk from glacial lake outburst floods after an "
            "unusually hot spell accelerated the melting of glaciers across the region. "
            "Residents of the Hunza and Ghizer valleys were advised to move livestock and "
            "valuables to higher ground and to be ready to evacuate at short notice."
        ),
        P(
            "The regional disaster management authority said daytime temperatures in some "
            "valleys had been between four and six degrees above normal for more than a week. "
            "Monitoring stations had recorded a sharp rise in water levels at several glacial "
            "lakes, including two that had burst their natural dams in previous summers and "
            "caused serious damage downstream."
        ),
        P(
            "In the village of Hassanabad, where a flood two years ago swept away houses and a "
            "bridge on the Karakoram Highway, residents said they had been sleeping in shifts so "
            "that someone was always awake to listen for the sound of rushing water. Many "
            "families have already moved their belongings into relatives' homes on the "
            "hillside above the village."
        ),
        fig(
            "hassanabad-road-damage.jpg",
            "Villagers standing beside a collapsed road",
            "Residents inspect a damaged section of a link road near Hassanabad on Sunday.",
            "Photo: Karim Shah / The Northern Dispatch",
        ),
        P(
            "Early warning systems installed under a climate adaptation project have been "
            "working as intended, officials said. Sensors placed near the most dangerous lakes "
            "send data to a control room in Gilgit, and sirens in the villages are tested every "
            "morning. However, villagers complained that mobile phone coverage remained patchy, "
            "making it difficult for emergency messages to reach everyone."
        ),
        P(
            "The Karakoram Highway, the main land link between Pakistan and China, was briefly "
            "closed on Sunday after debris from a mudflow blocked the road near Karimabad. "
            "Traffic was restored within six hours, but transporters said repeated closures "
            "were causing long delays for goods lorries heading to and from the border crossing "
            "at Khunjerab."
        ),
        fig(
            "kkh-debris-clearance.jpg",
            "Lorries queued on a mountain highway",
            "Lorries wait in line as workers clear debris from the Karakoram Highway near Karimabad.",
            "Photo: Supplied",
        ),
        P(
            "Scientists have warned for years that rising temperatures are increasing the "
            "number and size of glacial lakes in the region. A glaciologist at a university in "
            "Islamabad said the risk was no longer confined to a few well-known sites and that "
            "communities across the mountains needed better planning, stronger buildings and "
            "safer locations for schools and clinics."
        ),
        P(
            "The provincial government said it had released emergency funds for the "
            "worst-affected districts and asked the federal government for additional heavy "
            "machinery. Tourism operators, meanwhile, reported a wave of cancellations at the "
            "height of the summer season, with many visitors unwilling to travel on roads that "
            "could be cut off without warning."
        ),
    ]
    body = render(blocks, indent="      ")
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | The Northern Dispatch</title>
<link rel="canonical" href="{url}">
<meta property="og:url" content="{url}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:image" content="{img}/passu-glacial-lake.jpg">
<meta property="article:published_time" content="2024-07-08T09:15:00+05:00">
<meta name="author" content="{author}">
<link rel="stylesheet" href="{base}/css/dispatch.css">
</head>
<body>
<header class="masthead">
  <div class="masthead__title"><a href="{base}/">The Northern Dispatch</a></div>
  <nav class="masthead__nav"><a href="{base}/news">News</a> <a href="{base}/climate">Climate</a> <a href="{base}/mountains">Mountains</a> <a href="{base}/tourism">Tourism</a> <a href="{base}/opinion">Opinion</a> <a href="{base}/photos">Photos</a></nav>
</header>
<main>
  <article class="story">
    <p class="story__label">Climate</p>
    <h1 class="story__headline">{esc(title)}</h1>
    <div class="story__byline">
      <span>Words and pictures by <a href="{base}/people/karim-shah">{author}</a></span>
      <time datetime="2024-07-08T09:15:00+05:00">8 July 2024</time>
      <span class="story__readtime">5 min read</span>
    </div>
    <div class="audio-player" data-src="{base}/audio/2024/07/08/glacial-lake-floods.mp3">
      <button type="button" class="audio-player__play">Listen to this article</button>
      <span class="audio-player__duration">6:12</span>
    </div>
    <figure class="lead-figure">
      <picture>
        <source srcset="{img}/passu-glacial-lake.webp" type="image/webp">
        <img src="{img}/passu-glacial-lake.jpg" alt="A turquoise glacial lake below a mountain" width="1600" height="900">
      </picture>
      <figcaption>A glacial lake above the village of Passu in the Hunza valley. Water levels at several lakes in the region have risen sharply this month. <span class="credit">Photo: Karim Shah / The Northern Dispatch</span></figcaption>
    </figure>
    <div class="story__body">
{body}
    </div>
    <div class="story__support">
      <p>The Northern Dispatch is an independent, reader-funded newsroom covering the mountains of northern Pakistan. If you value our reporting from remote valleys, please consider supporting us with a monthly contribution.</p>
      <a href="{base}/support">Support the Dispatch</a>
    </div>
  </article>
  <section class="more-stories">
    <h2>More from Climate</h2>
    <ul>
      <li><a href="{base}/2024/07/05/hunza-apricot-harvest-heat">Heat cuts Hunza apricot harvest by a third, growers say</a></li>
      <li><a href="{base}/2024/07/02/deosai-wildlife-survey">Deosai bear survey finds population stable despite warmer summers</a></li>
      <li><a href="{base}/2024/06/28/skardu-water-shortage">Skardu faces drinking water shortage as streams dry early</a></li>
    </ul>
  </section>
</main>
<footer class="site-footer">
  <p>&copy; 2024 The Northern Dispatch. Photographs may not be reproduced without permission.</p>
  <p><a href="{base}/about">About</a> &middot; <a href="{base}/contact">Contact</a> &middot; <a href="{base}/privacy">Privacy</a></p>
</footer>
</body>
</html>
"""
    page(
        "figures_captions",
        title=title,
        author=author,
        date="2024-07-08",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ==================================================================== 11. amp_toc


def amp_toc():
    title = "Explained: how the Indus Waters Treaty divides rivers between India and Pakistan"
    url = "https://www.dailycurrent-example.com/explainers/indus-waters-treaty-explained"
    author = "Zainab Hussain"
    base = "https://www.dailycurrent-example.com"
    blocks = [
        P(
            "The Indus Waters Treaty, signed in Karachi in 1960, is often described as one of "
            "the most durable agreements between India and Pakistan. It has survived wars, "
            "diplomatic crises and decades of mistrust. Yet it is rarely out of the news, and "
            "disputes over how it should be applied continue to surface. Here is a short guide "
            "to what the treaty says and why it matters."
        ),
        H2("What the treaty says"),
        P(
            "The treaty divides the six rivers of the Indus system into two groups. The three "
            "eastern rivers, the Ravi, Beas and Sutlej, were allocated to India for "
            "unrestricted use. The three western rivers, the Indus, Jhelum and Chenab, were "
            "allocated mainly to Pakistan, although India is allowed certain uses, including "
            "limited irrigation and run-of-the-river hydroelectric projects."
        ),
        H2("Who helped negotiate it"),
        P(
            "The agreement was the result of nearly a decade of negotiations brokered by the "
            "World Bank, which is also a signatory. The bank helped arrange financing for the "
            "dams and canals that Pakistan needed to replace water it had previously drawn from "
            "the eastern rivers. Its role today is largely procedural, but it has a part in the "
            "treaty's dispute resolution mechanism."
        ),
        H2("How disputes are handled"),
        P(
            "The treaty sets up a Permanent Indus Commission, with a commissioner from each "
            "country, which is supposed to meet regularly and exchange data. Questions that the "
            "commission cannot settle may be referred to a neutral expert, and broader disputes "
            "can go to a court of arbitration. In recent years, both procedures have been "
            "invoked over the design of hydroelectric plants on the western rivers."
        ),
        H2("Why it matters now"),
        P(
            "Agriculture in Pakistan depends heavily on the Indus system, and any change in the "
            "timing or volume of river flows can affect millions of farmers. Climate change, "
            "population growth and new infrastructure upstream have all increased pressure on "
            "the arrangement. Some experts argue the treaty should be updated, while others "
            "warn that reopening it could make matters worse."
        ),
        P(
            "For now, the treaty remains in force, and officials on both sides continue to "
            "describe it as a framework that has served a useful purpose. How the two "
            "governments handle the current disagreements will be closely watched by farmers, "
            "engineers and diplomats alike, on both sides of the border and beyond."
        ),
    ]
    heads = [v for k, v in blocks if k == "h2"]
    toc = "\n".join(f'        <li><a href="#{slug(h)}">{h}</a></li>' for h in heads)
    body = render(blocks, indent="    ", h2=lambda v: f'<h2 id="{slug(v)}">{v}</h2>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2024-09-20T08:00:00+05:00",
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": "Daily Current"},
        "image": "https://img.dailycurrent-example.com/indus-river-1200.jpg",
    }
    doc = f"""<!doctype html>
<html amp lang="en">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<title>{esc(title)} | Daily Current</title>
<link rel="canonical" href="{url}">
<meta name="viewport" content="width=device-width">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}}@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>body{{font-family:system-ui,sans-serif;max-width:680px;margin:0 auto;padding:0 16px}}.toc{{background:#f3f5f7;padding:12px 16px}}</style>
</head>
<body>
<header class="amp-header"><a href="{base}/">Daily Current</a></header>
<article>
  <h1>{esc(title)}</h1>
  <p class="meta">{author} &middot; <time datetime="2024-09-20T08:00:00+05:00">20 Sep 2024</time></p>
  <amp-img src="https://img.dailycurrent-example.com/indus-river-1200.jpg" width="1200" height="675" layout="responsive" alt="The Indus river near Attock"></amp-img>
  <nav class="toc" aria-label="Table of contents">
    <p class="toc-title">In this article</p>
    <ol>
{toc}
    </ol>
  </nav>
  <div class="article-body">
{body}
  </div>
  <aside class="share-block">
    <h3>Share this article</h3>
    <amp-social-share type="facebook" width="40" height="40" data-param-app_id="000000000000000"></amp-social-share>
    <amp-social-share type="twitter" width="40" height="40"></amp-social-share>
    <amp-social-share type="whatsapp" width="40" height="40"></amp-social-share>
    <amp-social-share type="email" width="40" height="40"></amp-social-share>
    <p><a href="{url}">View the full site version</a></p>
  </aside>
</article>
<footer class="amp-footer"><p>&copy; 2024 Daily Current. <a href="{base}/privacy">Privacy</a></p></footer>
</body>
</html>
"""
    page(
        "amp_toc",
        title=title,
        author=author,
        date="2024-09-20",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
    )


# ========================================================= 12. split_newsletter (gz)


def split_newsletter():
    title = "Nepal's coalition government survives confidence vote after week of turmoil"
    url = (
        "https://kathmanduledger-example.com/politics/2024/02/09/coalition-survives-confidence-vote"
    )
    author = "Prakash Adhikari"
    base = "https://kathmanduledger-example.com"
    part1 = [
        P(
            "<strong>KATHMANDU:</strong> Nepal's coalition government survived a vote of "
            "confidence in parliament on Friday, ending a week of uncertainty that began when a "
            "junior partner threatened to withdraw its support over a dispute about cabinet "
            "posts. The prime minister secured 157 votes in the 275-member House of "
            "Representatives, comfortably more than the 138 needed to remain in office."
        ),
        P(
            "The vote followed days of intense negotiations in which senior leaders from the "
            "three largest coalition parties met repeatedly at the prime minister's official "
            "residence. According to people familiar with the talks, the breakthrough came late "
            "on Thursday night when the prime minister agreed to hand two additional ministries "
            "to the junior partner in a reshuffle expected next week."
        ),
        P(
            "Opening the debate, the prime minister told lawmakers that the country could not "
            "afford another change of government at a time when the economy was recovering "
            "slowly and thousands of young people were leaving every month to work abroad. He "
            "promised to focus on creating jobs, speeding up reconstruction in districts hit by "
            "last year's earthquake and improving public services."
        ),
        P(
            "Opposition members accused the coalition of putting the distribution of "
            "ministries ahead of governance. The leader of the main opposition party said the "
            "government had spent more time managing its own internal disputes than addressing "
            "inflation and unemployment, and predicted that the alliance would not survive "
            "until the next general election."
        ),
    ]
    part2 = [
        P(
            "Political analysts in Kathmandu said the outcome gave the government breathing "
            "space but did not resolve the underlying tensions. Nepal has had more than a dozen "
            "governments since the monarchy was abolished in 2008, and coalitions have "
            "frequently collapsed over disagreements about power-sharing rather than policy, a "
            "pattern that has frustrated voters and foreign investors alike."
        ),
        P(
            "Business leaders welcomed the end of the uncertainty. The head of a national "
            "federation of chambers of commerce said investors had been waiting for clarity "
            "before committing to new projects, particularly in hydropower and tourism, and "
            "urged the government to use the period of stability to pass long-delayed laws on "
            "investment and land acquisition."
        ),
        P(
            "The reshuffle is expected to take place early next week. Once it is complete, the "
            "government will face its next major test in May, when it must present a budget "
            "that balances demands for higher development spending with the need to contain a "
            "growing fiscal deficit and keep public debt at sustainable levels."
        ),
    ]
    blocks = part1 + part2
    b1 = render(part1, indent="      ", wrap=90)
    b2 = render(part2, indent="      ", wrap=90)
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} - The Kathmandu Ledger</title>
<link rel="canonical" href="{url}">
<meta name="publish-date" content="2024-02-09">
<meta name="byl" content="By {author}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="{base}/assets/ledger.css">
</head>
<body class="template-story">
<header class="site-head">
  <a class="site-head__logo" href="{base}/">The Kathmandu Ledger</a>
  <nav class="site-head__nav">
    <a href="{base}/politics">Politics</a>
    <a href="{base}/economy">Economy</a>
    <a href="{base}/provinces">Provinces</a>
    <a href="{base}/world">World</a>
    <a href="{base}/sports">Sports</a>
    <a href="{base}/opinion">Opinion</a>
    <a href="{base}/podcasts">Podcasts</a>
  </nav>
</header>
<main class="story-page">
  <div class="story-head">
    <a class="story-head__section" href="{base}/politics">Politics</a>
    <h1 class="story-head__title">{esc(title)}</h1>
    <div class="story-head__byline">By <a href="{base}/author/prakash-adhikari">{author}</a></div>
    <div class="story-head__date">Published: Feb 9, 2024 &middot; Updated: Feb 9, 2024 8:40 PM NPT</div>
  </div>
  <div class="story-content">
    <div class="story-body story-body--part-1">
{b1}
    </div>
    <section class="newsletter-signup" aria-labelledby="nl-title">
      <h2 id="nl-title">The Ledger Daily</h2>
      <p>Politics, business and everything in between. Get our editors' pick of the day's most important stories from Nepal delivered to your inbox every evening.</p>
      <form class="newsletter-signup__form" action="{base}/newsletter/subscribe" method="post">
        <input type="email" name="email" placeholder="Enter your email" aria-label="Email address" required>
        <button type="submit">Subscribe</button>
      </form>
      <p class="newsletter-signup__fine-print">You can unsubscribe at any time. We will never share your email address.</p>
    </section>
    <div class="story-body story-body--part-2">
{b2}
    </div>
  </div>
  <div class="story-topics">Topics: <a href="{base}/topic/parliament">Parliament</a> <a href="{base}/topic/coalition">Coalition politics</a> <a href="{base}/topic/federal-government">Federal government</a></div>
  <section class="story-more">
    <h2>More from Politics</h2>
    <ul>
      <li><a href="{base}/politics/2024/02/08/junior-partner-threatens-exit">Junior partner threatens to quit coalition over cabinet shares</a></li>
      <li><a href="{base}/politics/2024/02/06/provincial-assembly-budget-session">Provincial assemblies told to prepare budgets by mid-May</a></li>
      <li><a href="{base}/economy/2024/02/05/remittance-inflow-record">Remittance inflow hits record as more workers head abroad</a></li>
    </ul>
  </section>
</main>
<footer class="site-foot">
  <p>The Kathmandu Ledger &middot; Independent journalism from Nepal since 2011</p>
  <p><a href="{base}/about">About us</a> | <a href="{base}/ethics">Ethics policy</a> | <a href="{base}/contact">Contact</a> | <a href="{base}/advertise">Advertise</a></p>
  <p>&copy; 2024 Ledger Media Pvt. Ltd.</p>
</footer>
</body>
</html>
"""
    page(
        "split_newsletter",
        title=title,
        author=author,
        date="2024-02-09",
        canonical=url,
        language="en",
        blocks=blocks,
        html_text=doc,
        gz=True,
    )


# ====================================================================== write out

BUILDERS = [
    wordpress_comments,
    newspaper_megamenu,
    div_paragraphs,
    subheadings_list_quote,
    paywall_cookie_ads,
    jsonld_table_layout,
    urdu_rtl,
    french_local,
    wire_short,
    figures_captions,
    amp_toc,
    split_newsletter,
]


def main():
    for build in BUILDERS:
        build()
    truth = {}
    for name, pg in PAGES.items():
        data = pg["html"].encode("utf-8")
        html_path = os.path.join(HERE, name + ".html")
        gz_path = html_path + ".gz"
        if pg["gz"]:
            with open(html_path, "wb") as f:  # write the page, then compress it
                f.write(data)
            with open(html_path, "rb") as f:
                raw = f.read()
            with open(gz_path, "wb") as f:
                # mtime=0 and no file name in the header: byte-for-byte reproducible
                with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
                    gz.write(raw)
            os.remove(html_path)
        else:
            with open(html_path, "wb") as f:
                f.write(data)
            if os.path.exists(gz_path):
                os.remove(gz_path)
        truth[name] = {
            "articleBody": "\n".join(body_lines(pg["blocks"])),
            "title": pg["title"],
            "author": pg["author"],
            "date": pg["date"],
            "canonical": pg["canonical"],
            "language": pg["language"],
        }
    with open(os.path.join(HERE, "ground_truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(PAGES)} pages and ground_truth.json to {HERE}")


if __name__ == "__main__":
    main()
