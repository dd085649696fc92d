#!/usr/bin/env python3
"""Generate the held-out main-text extraction corpus.

Every page is rendered from the same body strings that are written to
ground_truth.json, so the two can never drift apart.  The script is fully
deterministic (no randomness, no clock), uses only the standard library and
writes only into the directory that contains it.

    python3 make_holdout.py           # (re)generate pages + ground truth, then verify
    python3 make_holdout.py --check   # verify the files already on disk

Body items are HTML fragments (inline markup such as <a>, <em> allowed); the
ground-truth text of an item is the fragment with tags stripped, entities
decoded and whitespace normalised.  Only items listed in a page's ``body``
reach the ground truth; all furniture (captions, pull quotes, ALSO READ links,
timestamps, bios, ...) is written straight into the page templates.
"""

import html
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def norm(s):
    return " ".join(s.split())


class _Strip(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_data(self, data):
        self.out.append(data)


def plain(fragment):
    p = _Strip()
    p.feed(fragment)
    p.close()
    return norm("".join(p.out))


class B:
    """One ground-truth block of an article body.

    kind: p (regular paragraph, 30-100 words enforced), pshort (short
    paragraph that is still body text, e.g. a list lead-in), h (subheading or
    live-update heading), li (list item), quote (block quotation in the text
    flow), tweet (text of an embedded social post), note (footnote text),
    signoff (wire "Reporting by ...; Editing by ..." line).
    """

    def __init__(self, kind, frag, **kw):
        self.kind = kind
        self.frag = frag
        self.kw = kw

    @property
    def text(self):
        return plain(self.frag)


def esc(s):
    return html.escape(s, quote=True)


def js(obj, indent=None):
    """JSON for embedding inside a <script> element."""
    s = json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=False)
    return s.replace("</", "<\\/")


def jsonld(obj):
    return '<script type="application/ld+json">' + js(obj) + "</script>"


def slug(s):
    s = re.sub(r"[^0-9a-zA-Z]+", "-", s.lower()).strip("-")
    return s[:60]


def paragraphs(body):
    return [b.text for b in body if b.kind == "p"]


def gt_text(body):
    return "\n".join(b.text for b in body)


# ---------------------------------------------------------------------------
# 1. BBC/Guardian-style broadcaster page: deep nested divs + data attributes
# ---------------------------------------------------------------------------

def page_herald():
    name = "herald_nested_climate"
    url = "https://www.example-herald.co.uk/news/articles/c4gx2m7n1zqo"
    headline = "Nepal drains swelling glacial lake below Everest as flood fears grow"
    desc = ("Engineers are cutting a channel through a wall of moraine to lower a Himalayan "
            "lake that has grown by almost a fifth in three years.")
    author = "Sushmita Thapa"
    pub, mod = "2025-05-14T05:12:44.000Z", "2025-05-14T09:30:02.000Z"
    body = [
        B("p", "Engineers in eastern Nepal have begun lowering the water level of a fast-growing "
               "glacial lake high in the Everest region, after satellite surveys showed it had "
               "expanded by almost a fifth in three years and now threatens villages, trekking "
               "trails and a hydropower plant downstream."),
        B("p", "The work at Thulo Tsho, a lake fed by meltwater from a retreating glacier at more "
               "than 4,900 metres, involves cutting a lined channel through the loose wall of rock "
               "and ice debris that holds it back. Officials say the aim is to drop the surface by "
               "three metres before the monsoon rains arrive in June."),
        B("h", "A race against the melt"),
        B("p", "Glacial lake outburst floods, in which a natural dam gives way and releases "
               "millions of cubic metres of water within hours, have become one of the most feared "
               "hazards in the Himalayas. In recent years such floods have swept away bridges, "
               "roads and homes in Nepal and in neighbouring Indian states, killing dozens of people."),
        B("p", "Anjali Rai, a hydrologist with the government’s water and energy department, said "
               "the lake had crossed a threshold that made intervention unavoidable. Sensors "
               "installed last autumn recorded the water rising by up to eleven centimetres a week "
               "during warm spells, she said, far faster than models had predicted."),
        B("p", "“We are not trying to empty the lake, and we could not if we wanted to,” she said. "
               "“What we can do is buy time for the people below it, so that if the moraine fails "
               "the flood is smaller and slower, and the warning reaches them first.”"),
        B("h", "Villages on alert"),
        B("p", "About 3,000 people live in settlements along the river valley below the lake, many "
               "of them dependent on trekking and mountaineering tourism. An early-warning system of "
               "sirens and river-level gauges has been tested twice this spring, with residents "
               "practising evacuation to higher ground above the main trail."),
        B("p", "Pemba Dorje Sherpa, who runs a lodge in the village of Dingjung, said many families "
               "had lived with the risk for years without knowing how serious it had become. "
               "“Before, we only saw the lake when we took the yaks up in summer,” he said. “Now "
               "the scientists come every month and we watch the water level on our phones.”"),
        B("p", "The drainage project is expected to cost about $4.2m, most of it funded by an "
               "international climate adaptation grant. Critics argue that engineering fixes treat "
               "symptoms rather than causes, and that wealthy countries responsible for most "
               "historic emissions should pay far more towards protecting mountain communities."),
        B("p", "Scientists at regional research centres have warned that Himalayan glaciers could "
               "lose a large share of their volume this century, depending on how quickly global "
               "emissions fall. Dozens of glacial lakes across Nepal, Bhutan, India and Pakistan "
               "are already classed as potentially dangerous and are monitored by satellite."),
    ]

    def text_block(frag):
        return ('<div data-component="text-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">'
                '<div class="ssrcss-7uxr49-RichTextContainer e5tfeyi1">'
                '<p class="ssrcss-1q0x1qg-Paragraph e1jhz7w10">' + frag + '</p></div></div>')

    def sub_block(frag, text):
        return ('<div data-component="subheadline-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">'
                '<h2 id="' + slug(text) + '" class="ssrcss-1ox6hj4-StyledHeading e10rt3ze0">'
                '<span role="text">' + frag + '</span></h2></div>')

    image_block = '''
<div data-component="image-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">
  <figure class="ssrcss-wpgbih-StyledFigure e34k3c20">
    <div class="ssrcss-ab5fd8-StyledFigureContainer e34k3c21">
      <span class="ssrcss-1ufchgt-ImageWrapper e1ovx0t00" style="padding-bottom:56.25%">
        <img sizes="(min-width: 1280px) 50vw, 80vw" srcset="https://ichef.example-herald.co.uk/news/480/cpsprodpb/1a2b/live/lake-480.jpg 480w, https://ichef.example-herald.co.uk/news/800/cpsprodpb/1a2b/live/lake-800.jpg 800w" src="https://ichef.example-herald.co.uk/news/480/cpsprodpb/1a2b/live/lake-480.jpg" loading="lazy" alt="A grey-blue glacial lake surrounded by rocky moraine with snow peaks behind" class="ssrcss-evoj7m-Image edrdn950" width="976" height="549">
      </span>
      <span role="text" class="ssrcss-1o6zlnr-Copyright e34k3c22"><span class="ssrcss-1f1wjbu-VisuallyHidden e16en2lz0">Image source, </span>Nepal Water and Energy Department</span>
    </div>
    <figcaption class="ssrcss-1kgm4yz-Caption e34k3c23"><span class="ssrcss-1f1wjbu-VisuallyHidden e16en2lz0">Image caption, </span>Thulo Tsho has grown by almost a fifth since 2022, according to satellite measurements</figcaption>
  </figure>
</div>'''

    ad_block = '''
<div data-component="ad-slot" class="ssrcss-1t6t9ov-AdSlotContainer e1ov5bm80" data-ad-slot="mid_1" data-testid="ad-slot-mid">
  <div class="ssrcss-12n8vyu-AdLabel e1ov5bm81">Advertisement</div>
  <div id="dotcom-mpu" class="dotcom-ad" data-ad-size="300x250,300x600"></div>
</div>'''

    links_block = '''
<div data-component="links-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">
  <div class="ssrcss-1bpo1ud-StyledLinksBlock e1g6ei5h0">
    <p class="ssrcss-83cqas-Paragraph e1jhz7w10"><b class="ssrcss-hmf8ql-BoldText e5tfeyi3">Related: </b><a href="https://www.example-herald.co.uk/news/science-environment-68771002" class="ssrcss-k17ofw-InlineLink e1kz93w10">Why Himalayan glacial lakes are growing so quickly</a></p>
  </div>
</div>'''

    blocks = []
    for i, b in enumerate(body):
        if b.kind == "h":
            blocks.append(sub_block(b.frag, b.text))
        else:
            blocks.append(text_block(b.frag))
        if i == 1:
            blocks.append(image_block)
        if i == 4:
            blocks.append(ad_block)
        if i == 7:
            blocks.append(links_block)

    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": url,
        "mainEntityOfPage": url,
        "headline": headline,
        "description": desc,
        "datePublished": pub,
        "dateModified": mod,
        "image": {"@type": "ImageObject", "width": 1024, "height": 576,
                  "url": "https://ichef.example-herald.co.uk/news/1024/branded_news/1a2b/live/lake.jpg"},
        "author": [{"@type": "Person", "name": author, "jobTitle": "South Asia correspondent"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Example Herald News",
                      "logo": {"@type": "ImageObject",
                               "url": "https://static.example-herald.co.uk/news/img/logo.png"}},
        "isAccessibleForFree": True,
    }

    most_read = [
        "Flights diverted as volcanic ash cloud drifts over Bali",
        "Pakistan and India agree to reopen Kartarpur corridor talks",
        "Record number of students apply for nursing degrees",
        "Why rice prices are climbing again across Asia",
        "Court clears way for Colombo port city expansion",
        "Man rescued after four days trapped in collapsed mine",
        "Sri Lanka’s cricket board announces new head coach",
        "How a tiny island nation plans to survive rising seas",
        "Mount Everest permit fees rise for spring season",
        "Heatwave forces schools in Delhi to close early",
    ]
    ol = "\n".join(
        '<li class="ssrcss-1g9ldk3-ListItem e1gp961v0"><div class="ssrcss-1buaehm-Container e1gp961v1">'
        '<span class="ssrcss-8ekdxl-Rank e1gp961v2">' + str(n + 1) + '</span>'
        '<a href="https://www.example-herald.co.uk/news/articles/mr' + str(n + 1) + '" class="ssrcss-1mlb5sq-PromoLink e1f5wbog1">'
        '<span class="ssrcss-1yv3xht-PromoHeadline">' + esc(h) + '</span></a></div></li>'
        for n, h in enumerate(most_read))

    features = [
        ("The Sherpa guides who now spend their summers measuring ice",
         "A new generation of mountain workers is swapping expedition tips for GPS gauges and drone surveys."),
        ("Inside the village that moved uphill to escape the river",
         "After two floods in five years, residents of a Mustang hamlet rebuilt everything 200 metres higher."),
        ("Can hydropower survive a warmer Himalaya?",
         "Dams planned for decades are being redesigned for a future with less ice and more extreme floods."),
    ]
    feat = "\n".join(
        '<li class="ssrcss-1ij6huy-StyledListItem eqfxz1e4"><div data-testid="edinburgh-card" class="ssrcss-1lb9t7l-Card">'
        '<a href="https://www.example-herald.co.uk/news/articles/ft' + str(n) + '"><h3 class="ssrcss-1b1mki6-PromoHeadline">'
        + esc(h) + '</h3></a><p class="ssrcss-1q0x1qg-Paragraph ssrcss-12bnbob-PromoParagraph">' + esc(t) +
        '</p><div class="ssrcss-1t2n4cj-MetadataStrip"><span>' + str(n + 2) + ' days ago</span><span>Asia</span></div></div></li>'
        for n, (h, t) in enumerate(features))

    html_doc = '''<!DOCTYPE html>
<html lang="en-GB" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' - Example Herald News</title>
<meta name="description" content="''' + esc(desc) + '''">
<link rel="canonical" href="''' + url + '''">
<meta property="og:type" content="article">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://ichef.example-herald.co.uk/news/1024/branded_news/1a2b/live/lake.jpg">
<meta property="og:site_name" content="Example Herald News">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta property="article:section" content="Asia">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@ExampleHeraldNews">
<meta name="theme-color" content="#FFFFFF">
<link rel="preload" href="https://static.example-herald.co.uk/fonts/ReithSans-Regular.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="https://static.example-herald.co.uk/news/css/main.8f2c1e.css">
<style data-emotion="ssrcss 1q0x1qg 7uxr49 1l6ss1x">.ssrcss-1q0x1qg-Paragraph{font-size:1rem;line-height:1.5rem;padding-bottom:1.5rem;margin:0}.ssrcss-7uxr49-RichTextContainer{max-width:40rem}.ssrcss-1f1wjbu-VisuallyHidden{clip-path:inset(100%);clip:rect(1px,1px,1px,1px);height:1px;overflow:hidden;position:absolute;width:1px}</style>
''' + jsonld(ld) + '''
<script>window.__HERALD_CONFIG__={"edition":"international","service":"news","features":{"consentBanner":true,"adverts":true}};document.documentElement.className=document.documentElement.className.replace("no-js","js");</script>
</head>
<body>
<div id="main-wrapper" data-testid="main-wrapper">
<div class="ssrcss-1l1gp4w-ConsentBanner" id="cookiePrompt" role="dialog" aria-labelledby="cookie-heading">
  <h2 id="cookie-heading" class="ssrcss-consent-heading">Let us know you agree to cookies</h2>
  <p>We use cookies to give you the best online experience. Please let us know if you agree to all of these cookies.</p>
  <button type="button" class="ssrcss-consent-accept">Yes, I agree</button>
  <a href="https://www.example-herald.co.uk/usingthesite/cookies/settings">No, take me to settings</a>
</div>
<header role="banner" class="ssrcss-1mc8x9-GlobalNavigation" data-e2e="header">
  <a href="#main-content" class="ssrcss-skip-link">Skip to content</a>
  <a href="https://www.example-herald.co.uk/accessibility/" class="ssrcss-skip-link">Accessibility Help</a>
  <div class="ssrcss-brand"><a href="https://www.example-herald.co.uk/" aria-label="Example Herald Homepage"><svg viewBox="0 0 84 24" width="84" height="24" aria-hidden="true"><rect width="24" height="24"></rect></svg></a></div>
  <nav aria-label="Example Herald" class="ssrcss-global-nav">
    <ul role="list">
      <li><a href="https://www.example-herald.co.uk/">Home</a></li>
      <li><a href="https://www.example-herald.co.uk/news" aria-current="page">News</a></li>
      <li><a href="https://www.example-herald.co.uk/sport">Sport</a></li>
      <li><a href="https://www.example-herald.co.uk/business">Business</a></li>
      <li><a href="https://www.example-herald.co.uk/innovation">Innovation</a></li>
      <li><a href="https://www.example-herald.co.uk/culture">Culture</a></li>
      <li><a href="https://www.example-herald.co.uk/travel">Travel</a></li>
      <li><a href="https://www.example-herald.co.uk/future-planet">Earth</a></li>
      <li><a href="https://www.example-herald.co.uk/video">Video</a></li>
      <li><a href="https://www.example-herald.co.uk/live">Live</a></li>
    </ul>
  </nav>
  <div class="ssrcss-account"><a href="https://account.example-herald.co.uk/signin">Register</a> <a href="https://account.example-herald.co.uk/signin">Sign In</a></div>
  <form role="search" action="https://www.example-herald.co.uk/search"><label for="search-input" class="ssrcss-1f1wjbu-VisuallyHidden">Search Example Herald</label><input id="search-input" name="q" type="search" placeholder="Search news, topics and more"><button type="submit">Search</button></form>
</header>
<nav aria-label="News" class="ssrcss-secondary-nav" data-testid="secondary-nav">
  <ul role="list">
    <li><a href="https://www.example-herald.co.uk/news/world">World</a></li>
    <li><a href="https://www.example-herald.co.uk/news/world/asia" aria-current="true">Asia</a></li>
    <li><a href="https://www.example-herald.co.uk/news/world/africa">Africa</a></li>
    <li><a href="https://www.example-herald.co.uk/news/world/europe">Europe</a></li>
    <li><a href="https://www.example-herald.co.uk/news/climate">Climate</a></li>
    <li><a href="https://www.example-herald.co.uk/news/reality_check">Verify</a></li>
  </ul>
</nav>
<div id="main-content" data-testid="main-content" class="ssrcss-1ocoo3l-Wrap e42f8511">
 <div class="ssrcss-1ekbsm8-Grid">
  <main role="main" class="ssrcss-1sb9u6m-Main" data-gu-name="body">
   <article class="ssrcss-pv1rh6-ArticleWrapper e1nh2i2l5" data-component-tracking="article">
    <header class="ssrcss-article-header" data-component="headline-block">
      <h1 id="main-heading" type="headline" tabindex="-1" class="ssrcss-1s9pby4-Heading e10rt3ze0"><span role="text">''' + esc(headline) + '''</span></h1>
    </header>
    <div data-component="byline-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">
      <div class="ssrcss-68pt20-Text-TextContributorName e8mq1e96">''' + author + '''</div>
      <div class="ssrcss-84ltp5-Text e8mq1e910">South Asia correspondent, Kathmandu</div>
      <div class="ssrcss-m5j4pi-MetadataContent eh44mf00"><span class="ssrcss-1if1g9v-MetadataText">Published</span><time datetime="''' + pub + '''" class="ssrcss-1if1g9v-MetadataText">14 May 2025</time></div>
      <div class="ssrcss-share-tools" data-component="share-tools"><button type="button" aria-label="Share" data-testid="share-button">Share</button><button type="button" aria-label="Save" data-testid="save-button">Save</button></div>
    </div>
    <div data-component="image-block" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">
      <figure class="ssrcss-wpgbih-StyledFigure e34k3c20"><div class="ssrcss-ab5fd8-StyledFigureContainer e34k3c21">
        <img src="https://ichef.example-herald.co.uk/news/976/cpsprodpb/9f3e/live/workers.jpg" alt="Workers in orange jackets digging a channel in grey rubble" width="976" height="549" class="ssrcss-evoj7m-Image edrdn950">
        <span role="text" class="ssrcss-1o6zlnr-Copyright e34k3c22"><span class="ssrcss-1f1wjbu-VisuallyHidden e16en2lz0">Image source, </span>Getty Images</span></div>
        <figcaption class="ssrcss-1kgm4yz-Caption e34k3c23"><span class="ssrcss-1f1wjbu-VisuallyHidden e16en2lz0">Image caption, </span>Workers have been camping at the lake since early April to dig the outlet channel</figcaption>
      </figure>
    </div>
''' + "\n".join(blocks) + '''
    <div data-component="tags" class="ssrcss-1l6ss1x-ComponentWrapper e1o0ztbf0">
      <div class="ssrcss-1qmkvfu-TopicListWrapper etw6iwl1"><h2 class="ssrcss-1ox6hj4-StyledHeading">Related topics</h2>
        <ul class="ssrcss-1ukpv3p-TopicList" role="list">
          <li><a href="https://www.example-herald.co.uk/news/topics/nepal" class="ssrcss-1ef12hb-StyledLink">Nepal</a></li>
          <li><a href="https://www.example-herald.co.uk/news/topics/climate-change" class="ssrcss-1ef12hb-StyledLink">Climate change</a></li>
          <li><a href="https://www.example-herald.co.uk/news/topics/glaciers" class="ssrcss-1ef12hb-StyledLink">Glaciers</a></li>
          <li><a href="https://www.example-herald.co.uk/news/topics/floods" class="ssrcss-1ef12hb-StyledLink">Flooding</a></li>
        </ul></div>
    </div>
    <section data-component="links-block" aria-labelledby="more-on-this-story" class="ssrcss-more-on-this-story">
      <h2 id="more-on-this-story" class="ssrcss-1ox6hj4-StyledHeading">More on this story</h2>
      <ul role="list">
        <li><a href="https://www.example-herald.co.uk/news/world-asia-67012211">Deadly flash flood sweeps through Himalayan village</a><span class="ssrcss-date">Published 12 August 2024</span></li>
        <li><a href="https://www.example-herald.co.uk/news/science-environment-66902114">Glaciers melting faster than expected, study finds</a><span class="ssrcss-date">Published 20 June 2024</span></li>
        <li><a href="https://www.example-herald.co.uk/news/world-asia-68044419">The lake that could wipe out a valley</a><span class="ssrcss-date">Published 3 February 2025</span></li>
      </ul>
    </section>
   </article>
  </main>
  <aside class="ssrcss-sidebar" data-component="sidebar" aria-label="Most read">
    <section data-component="most-read" aria-labelledby="most-read-heading" class="ssrcss-1shrcxd-MostReadSection">
      <h2 id="most-read-heading" class="ssrcss-1ox6hj4-StyledHeading">Most read</h2>
      <ol class="ssrcss-1020bd1-Stack e1y4nx260" role="list">
''' + ol + '''
      </ol>
    </section>
    <div class="ssrcss-1t6t9ov-AdSlotContainer" data-ad-slot="sidebar_1"><div class="ssrcss-12n8vyu-AdLabel">Advertisement</div><div id="dotcom-sidebar" class="dotcom-ad"></div></div>
  </aside>
 </div>
 <section class="ssrcss-top-stories" aria-labelledby="top-stories-heading" data-component="top-stories">
   <h2 id="top-stories-heading">Top stories</h2>
   <ul role="list">
     <li><a href="https://www.example-herald.co.uk/news/live/world-68901122"><span class="ssrcss-live-badge">LIVE</span> Ceasefire talks resume as aid convoys wait at border</a></li>
     <li><a href="https://www.example-herald.co.uk/news/world-asia-68899871">Bangladesh court orders release of detained students</a><span>2 hours ago</span></li>
     <li><a href="https://www.example-herald.co.uk/news/business-68895502">Oil falls to three-month low on demand worries</a><span>5 hours ago</span></li>
   </ul>
 </section>
 <section class="ssrcss-features" aria-labelledby="features-heading" data-component="features">
   <h2 id="features-heading">Features</h2>
   <ul role="list">
''' + feat + '''
   </ul>
 </section>
</div>
<footer role="contentinfo" class="ssrcss-footer" data-e2e="footer">
  <nav aria-label="Footer"><ul role="list">
    <li><a href="https://www.example-herald.co.uk/usingthesite/terms">Terms of Use</a></li>
    <li><a href="https://www.example-herald.co.uk/aboutus">About the Example Herald</a></li>
    <li><a href="https://www.example-herald.co.uk/usingthesite/privacy">Privacy Policy</a></li>
    <li><a href="https://www.example-herald.co.uk/usingthesite/cookies">Cookies</a></li>
    <li><a href="https://www.example-herald.co.uk/accessibility">Accessibility Help</a></li>
    <li><a href="https://www.example-herald.co.uk/contact">Contact the Example Herald</a></li>
  </ul></nav>
  <p class="ssrcss-copyright">Copyright 2025 Example Herald. All rights reserved. The Example Herald is not responsible for the content of external sites. <a href="https://www.example-herald.co.uk/editorialguidelines/guidance/feeds-and-links">Read about our approach to external linking.</a></p>
</footer>
</div>
<script src="https://static.example-herald.co.uk/news/js/main.7c1d9a.js" defer></script>
<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({"page_type":"article","section":"asia","word_count":612});</script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 2. Dawn / Express Tribune-style South Asian newspaper page (teaser articleBody)
# ---------------------------------------------------------------------------

def page_southasia():
    name = "southasia_daily_imf"
    url = "https://www.example-morningpost.com.pk/news/1896543/pakistan-imf-begin-talks-on-second-review-as-revenue-shortfall-widens"
    headline = "Pakistan, IMF begin talks on second review as revenue shortfall widens"
    desc = ("Mission to spend two weeks in Islamabad and Karachi; petroleum levy, provincial "
            "farm income tax in focus.")
    author = "Aamir Nawaz Khattak"
    pub, mod = "2025-03-11T06:40:12+05:00", "2025-03-11T10:05:47+05:00"
    body = [
        B("p", "ISLAMABAD: Pakistan and the International Monetary Fund began a fresh round of talks "
               "on Monday for the second review of the ongoing Extended Fund Facility, with officials "
               "from both sides focusing on a shortfall in tax collection and the government’s plan "
               "to raise the petroleum levy from July."),
        B("p", "A senior finance ministry official told this newspaper that the visiting mission "
               "would spend two weeks in Islamabad and Karachi, meeting the Federal Board of Revenue, "
               "the State Bank of Pakistan and provincial finance departments before any staff-level "
               "agreement could be discussed."),
        B("p", "The FBR has collected about Rs7.9 trillion in the first eight months of the fiscal "
               "year, falling short of its target for the period by more than Rs600bn. Officials "
               "attribute the gap to slower imports, lower-than-expected sales tax receipts and "
               "delays in enforcing new levies on retailers and traders."),
        B("p", "According to documents seen by this newspaper, the government has proposed a package "
               "of corrective measures worth around Rs300bn to cover part of the shortfall. These "
               "include higher withholding taxes on certain services, an increase in the federal "
               "excise duty on sugary drinks and stricter action against non-filers."),
        B("p", "The petroleum levy, currently Rs70 per litre, is expected to be a central point of "
               "discussion. The government had earlier indicated it wanted room to raise it further "
               "in the next budget, but the Fund has pressed for a broader tax base rather than "
               "heavier reliance on fuel consumers, officials said."),
        B("p", "Provincial governments are also under scrutiny. Under the programme, the provinces "
               "agreed to bring agricultural income tax rates in line with federal rates on personal "
               "and business income, but implementation has been uneven, with at least two provinces "
               "yet to notify the required rules."),
        B("p", "Speaking to reporters after the inaugural session, Minister of State for Finance "
               "Nadia Hameed Soomro said the government was confident of completing the review on "
               "time. “The macroeconomic indicators are moving in the right direction, inflation is "
               "in single digits and reserves are improving,” she said."),
        B("p", "Analysts, however, cautioned that the talks could prove difficult. “The revenue gap "
               "is not small, and the Fund has been clear that one-off measures will not be accepted "
               "in place of structural reform,” said Sana Tariq, an economist at a Karachi-based "
               "brokerage. A successful review would unlock a tranche of about $1bn."),
    ]
    teaser = " ".join(paragraphs(body)[:2])

    also_read = [
        ("IMF flags risks to revenue targets in latest country report",
         "https://www.example-morningpost.com.pk/news/1893310/imf-flags-risks-to-revenue-targets"),
        ("Provinces miss deadline on farm income tax legislation",
         "https://www.example-morningpost.com.pk/news/1889102/provinces-miss-deadline-on-farm-income-tax"),
    ]
    parts = []
    for i, b in enumerate(body):
        parts.append('<p>' + b.frag + '</p>')
        if i == 1:
            parts.append('<p><strong>ALSO READ: <a href="' + also_read[0][1] + '" target="_blank">'
                         + esc(also_read[0][0]) + '</a></strong></p>')
            parts.append('<div class="ad-container ad--inarticle my-4 text-center" data-ad-unit="/21803046/mp_web/inarticle_1">'
                         '<span class="ad-label">ADVERTISEMENT</span><div id="div-gpt-ad-1712345678901-0" style="min-height:250px"></div></div>')
        if i == 3:
            parts.append('<figure class="media media--uneven sm:w-full w-full"><div class="media__item">'
                         '<picture><img src="https://i.example-morningpost.com.pk/large/2025/03/11065512a8f1c.jpg" '
                         'alt="Finance ministry building in Islamabad" loading="lazy"></picture></div>'
                         '<figcaption class="media__caption">The finance ministry building in Islamabad. — APP/File</figcaption></figure>')
        if i == 5:
            parts.append('<p><strong>ALSO READ: <a href="' + also_read[1][1] + '" target="_blank">'
                         + esc(also_read[1][0]) + '</a></strong></p>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": headline,
        "description": desc,
        "articleSection": "Business",
        "datePublished": pub,
        "dateModified": mod,
        "author": {"@type": "Person", "name": author,
                   "url": "https://www.example-morningpost.com.pk/authors/2231/aamir-nawaz-khattak"},
        "publisher": {"@type": "Organization", "name": "The Morning Post",
                      "logo": {"@type": "ImageObject", "url": "https://i.example-morningpost.com.pk/logo.png",
                               "width": 600, "height": 60}},
        "image": ["https://i.example-morningpost.com.pk/large/2025/03/11065512a8f1c.jpg"],
        "articleBody": teaser,
        "keywords": "IMF, FBR, petroleum levy, economy",
    }
    popular = [
        "Petrol price likely to go up by Rs5 per litre from March 16",
        "Karachi’s K-IV water project misses another deadline",
        "SBP keeps policy rate unchanged for second straight meeting",
        "Smog returns to Lahore as AQI crosses 400",
        "Babar, Rizwan dropped from T20 squad for New Zealand tour",
    ]
    pop = "\n".join('<article class="story box flex"><span class="story__number text-7">' + str(n + 1) +
                    '</span><h2 class="story__title text-4"><a class="story__link" href="https://www.example-morningpost.com.pk/news/18960' + str(n) + '">' + esc(h) + '</a></h2></article>'
                    for n, h in enumerate(popular))
    comments = [
        ("Zeeshan", "Same story every year. Tax the real estate sector and the big traders, not the salaried class who already pay at source."),
        ("Ayesha K", "Single digit inflation means nothing if electricity bills are higher than rent."),
        ("Naveed from Multan", "Agricultural income tax will never be collected properly as long as landlords sit in the assemblies."),
    ]
    com = "\n".join('<div class="comment" itemprop="comment"><div class="comment__author">' + esc(a) +
                    '</div><div class="comment__time">Mar 11, 2025 0' + str(n + 8) + ':1' + str(n) + 'am</div>'
                    '<div class="comment__body"><p>' + esc(t) + '</p></div><div class="comment__votes">'
                    '<button>Recommend</button> <span>' + str(30 - 7 * n) + '</span></div></div>'
                    for n, (a, t) in enumerate(comments))

    html_doc = '''<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>''' + esc(headline) + ''' - Pakistan - The Morning Post</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="author" content="''' + author + '''">
<meta name="keywords" content="IMF, FBR, petroleum levy, economy, Pakistan">
<link rel="canonical" href="''' + url + '''">
<link rel="amphtml" href="https://www.example-morningpost.com.pk/news/amp/1896543">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://i.example-morningpost.com.pk/large/2025/03/11065512a8f1c.jpg">
<meta property="og:type" content="article">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:section" content="Business">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@examplemorningpost">
<link rel="stylesheet" href="https://www.example-morningpost.com.pk/_css/tailwind.9c2a.css">
''' + jsonld(ld) + '''
<script async src="https://securepubads.example-adserver.com/tag/js/gpt.js"></script>
<script>window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function(){googletag.defineSlot("/21803046/mp_web/inarticle_1",[[300,250],[336,280]],"div-gpt-ad-1712345678901-0").addService(googletag.pubads());googletag.enableServices();});</script>
</head>
<body class="bg-white">
<div id="cookie-consent" class="fixed bottom-0 w-full bg-gray-900 text-white p-3 z-50">This website uses cookies to improve your experience. By continuing to browse, you agree to our use of cookies. <a href="https://www.example-morningpost.com.pk/privacy">Privacy policy</a> <button class="btn-accept">Accept</button></div>
<div class="top-bar text-2 flex justify-between px-4">
  <span class="date">Tuesday, March 11, 2025 | Ramazan 10, 1446</span>
  <span class="links"><a href="https://epaper.example-morningpost.com.pk">E-Paper</a> | <a href="https://www.example-morningpost.com.pk/urdu">اردو</a> | <a href="https://www.example-morningpost.com.pk/live">Live TV</a> | <a href="https://www.example-morningpost.com.pk/subscribe">Subscribe</a></span>
</div>
<header class="masthead text-center py-3"><a href="https://www.example-morningpost.com.pk/" class="logo"><img src="https://i.example-morningpost.com.pk/logo.png" alt="The Morning Post" width="300" height="30"></a></header>
<nav class="nav nav--main border-t border-b sticky top-0 bg-white">
  <a class="nav__item" href="https://www.example-morningpost.com.pk/">Home</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/latest-news">Latest</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/pakistan">Pakistan</a>
  <a class="nav__item nav__item--active" href="https://www.example-morningpost.com.pk/business">Business</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/opinion">Opinion</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/sport">Sport</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/world">World</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/prism">Prism</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/magazines">Magazines</a>
  <a class="nav__item" href="https://www.example-morningpost.com.pk/images">Images</a>
</nav>
<div class="ad-container ad--leaderboard text-center"><span class="ad-label">ADVERTISEMENT</span><div id="div-gpt-ad-1712345678901-1" style="min-height:90px"></div></div>
<div class="container mx-auto flex flex-wrap">
 <div class="w-full sm:w-8/12 px-4">
  <div class="breadcrumbs text-2 uppercase"><a href="https://www.example-morningpost.com.pk/">Home</a> &rsaquo; <a href="https://www.example-morningpost.com.pk/business">Business</a></div>
  <article class="story story--large border-b border-grey-light-2 pb-4" data-id="1896543" data-layout="story" data-most-popular="true">
    <h2 class="story__title text-6 sm:text-8 font-bold"><a class="story__link" href="''' + url + '''">''' + esc(headline) + '''</a></h2>
    <div class="story__excerpt text-4 italic">''' + esc(desc) + '''</div>
    <span class="story__byline"><a href="https://www.example-morningpost.com.pk/authors/2231/aamir-nawaz-khattak" class="story__byline__link">''' + author + '''</a></span>
    <span class="story__time"><span class="timestamp--label">Published</span> <span class="timestamp__time"><span class="timestamp--time timeago" title="''' + pub + '''">March 11, 2025</span></span> <span class="timestamp--label">Updated</span> <span class="timestamp--time timeago" title="''' + mod + '''">March 11, 2025</span></span>
    <div class="social-share flex" data-share-url="''' + url + '''"><a class="share--facebook" href="https://www.facebook.com/sharer/sharer.php?u=''' + url + '''">Facebook</a><a class="share--whatsapp" href="https://api.whatsapp.com/send?text=''' + url + '''">WhatsApp</a><a class="share--x" href="https://x.com/intent/post?url=''' + url + '''">X</a><a class="share--email" href="mailto:?subject=Morning%20Post">Email</a><span class="comments-count"><a href="#comments">Comments (14)</a></span></div>
    <figure class="media media--stretch"><div class="media__item"><picture><img src="https://i.example-morningpost.com.pk/large/2025/03/1106553bc0a2e.jpg" alt="IMF logo"></picture></div><figcaption class="media__caption">This photograph shows the logo of the International Monetary Fund. — AFP/File</figcaption></figure>
    <div class="story__content overflow-hidden text-4 sm:text-4.5 pt-1 mt-1">
''' + "\n".join(parts) + '''
    </div>
    <div class="story__footer">
      <p class="text-3">Published in The Morning Post, March 11th, 2025</p>
      <div class="tags"><span>Tags:</span> <a href="https://www.example-morningpost.com.pk/trends/imf">IMF</a> <a href="https://www.example-morningpost.com.pk/trends/fbr">FBR</a> <a href="https://www.example-morningpost.com.pk/trends/economy">Economy</a></div>
    </div>
  </article>
  <section id="comments" class="comments">
    <h3 class="text-5 font-bold">Comments (14) <span class="text-3 text-grey">Closed</span></h3>
''' + com + '''
    <a class="btn" href="#comments">Load more comments</a>
  </section>
 </div>
 <aside class="w-full sm:w-4/12 px-4 sidebar">
   <div class="ad-container ad--mpu"><span class="ad-label">ADVERTISEMENT</span><div id="div-gpt-ad-1712345678901-2" style="min-height:250px"></div></div>
   <div class="box box--most-popular"><h4 class="box__title">Most Popular</h4>
''' + pop + '''
   </div>
   <div class="box box--editorial"><h4 class="box__title">Editorial</h4>
     <article class="story"><h2 class="story__title"><a href="https://www.example-morningpost.com.pk/news/1896400/tax-reform-or-bust">Tax reform or bust</a></h2><div class="story__excerpt">The revenue shortfall is a reminder that the state cannot keep taxing the same narrow base while exempting the powerful.</div></article>
     <article class="story"><h2 class="story__title"><a href="https://www.example-morningpost.com.pk/news/1896011/karachis-water-woes">Karachi’s water woes</a></h2><div class="story__excerpt">Another summer approaches with no end in sight to the city’s chronic supply crisis.</div></article>
   </div>
   <div class="box box--newsletter"><h4 class="box__title">Business Brief</h4><p>Get the day’s top business stories in your inbox every morning.</p><form action="https://www.example-morningpost.com.pk/newsletter"><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
 </aside>
</div>
<footer class="footer bg-gray-900 text-white py-6">
  <div class="footer__links"><a href="https://www.example-morningpost.com.pk/about">About us</a> <a href="https://www.example-morningpost.com.pk/advertise">Advertise</a> <a href="https://www.example-morningpost.com.pk/contact">Contact</a> <a href="https://www.example-morningpost.com.pk/careers">Careers</a> <a href="https://www.example-morningpost.com.pk/terms">Terms of use</a></div>
  <p class="footer__copy">Copyright &copy; 2025, The Morning Post Media Group</p>
</footer>
<script src="https://www.example-morningpost.com.pk/_js/app.3f1b.js"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 3. Reuters/AP-style wire page
# ---------------------------------------------------------------------------

def page_wire():
    name = "wire_rbi_rates"
    url = "https://www.example-wire.com/markets/asia/india-central-bank-holds-rates-trims-growth-forecast-monsoon-falters-2025-08-06/"
    headline = "India's central bank holds rates, trims growth forecast as monsoon falters"
    desc = ("India's central bank kept its key lending rate steady on Wednesday but lowered its "
            "growth forecast, citing patchy monsoon rains and weak rural spending.")
    authors = ["Meera Kulkarni", "Arvind Rao"]
    pub, mod = "2025-08-06T05:02:00Z", "2025-08-06T07:48:00Z"
    body = [
        B("p", "MUMBAI, Aug 6 (Example Wire) - The Reserve Bank of India held its key lending rate "
               "steady at 5.50% on Wednesday, as widely expected, but trimmed its economic growth "
               "forecast for the fiscal year, citing a patchy monsoon and weaker rural spending that "
               "have clouded the outlook for Asia's third-largest economy."),
        B("p", "The six-member monetary policy committee voted unanimously to keep the repo rate "
               "unchanged and retained its neutral stance, giving the central bank room to respond "
               "in either direction if price pressures or growth shift sharply in the coming months, "
               "the governor said in a televised address."),
        B("p", "The central bank now expects gross domestic product to grow 6.3% in the year to "
               "March 2026, down from its earlier projection of 6.5%. It kept its retail inflation "
               "forecast at 3.7%, noting that food prices had eased but that vegetable and pulse "
               "prices could rise again if rainfall remained uneven."),
        B("p", "\"Growth is holding up, but the risks have tilted to the downside,\" the governor told "
               "reporters after the decision. \"We will remain watchful and act as appropriate, but at "
               "this point the committee felt that the easing already delivered needs time to work "
               "through the system.\""),
        B("p", "Fifteen of 18 economists polled by Example Wire last week had expected the RBI to "
               "hold, while the rest forecast a 25 basis point cut. The central bank has lowered "
               "rates by a total of 100 basis points since February, including a larger-than-expected "
               "half-point cut in June."),
        B("p", "Indian government bond yields rose after the decision, with the benchmark 10-year "
               "yield climbing 4 basis points to 6.39%, as some traders had positioned for a surprise "
               "cut. The rupee was little changed at 87.70 per dollar, while the blue-chip Nifty 50 "
               "index pared early gains to trade flat."),
        B("p", "\"The tone was more cautious than markets had hoped for,\" said Radhika Menon, chief "
               "economist at a Mumbai-based brokerage. \"We think the door to one more cut later this "
               "year is still open, but it will depend heavily on the monsoon and on how food "
               "inflation behaves into the festival season.\""),
        B("p", "The India Meteorological Department has said rainfall in the June-to-September season "
               "so far is about 6% below its long-period average, with deficits concentrated in the "
               "eastern and northeastern states, which are key producers of rice. Sowing of "
               "summer-planted crops has lagged last year's pace in several of those regions."),
        B("p", "The RBI also announced measures to deepen the corporate bond market, including "
               "allowing banks to lend against a wider range of debt securities, and said it would "
               "continue to use liquidity operations to keep overnight rates close to the policy rate."),
        B("signoff", "Reporting by Meera Kulkarni and Arvind Rao in Mumbai; Additional reporting by "
                     "Tanvi Mehta in New Delhi; Editing by Graham Whitlock"),
    ]
    pcls = 'text__text__1FZLe text__dark-grey__3Ml43 text__regular__2N1Xr text__small__1kGq2 body__full_width__ekUdw body__small_body__2vQyf article-body__paragraph__2-BtD'
    parts = []
    for i, b in enumerate(body):
        parts.append('<div data-testid="paragraph-' + str(i) + '" class="' + pcls + '">' + b.frag + '</div>')
        if i == 4:
            parts.append('<div data-testid="promo-box" class="' + pcls + ' article-body__promo__3kS1X">'
                         'Get a look at the day ahead in Asian and global markets with the Morning Briefing '
                         'Asia newsletter. <a href="https://www.example-wire.com/newsletters/morning-briefing-asia/" '
                         'data-testid="Link" class="text__inherit-color__3208F link__link__3Ji6W link__underline_on_hover__2zGL4">'
                         'Sign up here.</a></div>')
            parts.append('<div class="article-body__ad-slot__2g3hx" data-testid="ResponsiveAdSlot"><div class="ad-slot__label">Advertisement &middot; Scroll to continue</div><div id="ad-mid_article_1"></div></div>')
    ld = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "dateCreated": pub,
        "datePublished": pub,
        "dateModified": mod,
        "description": desc,
        "author": [{"@type": "Person", "name": a, "url": "https://www.example-wire.com/authors/" + slug(a) + "/"} for a in authors],
        "creator": authors,
        "articleSection": ["Asian Markets", "Markets"],
        "keywords": ["ECI", "INT", "MCE", "IN", "CEN"],
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": "Example Wire",
                      "logo": {"@type": "ImageObject", "url": "https://www.example-wire.com/pf/resources/images/logo.png"}},
        "image": [{"@type": "ImageObject",
                   "url": "https://www.example-wire.com/resizer/v2/RBI-HQ.jpg?auth=8a1c&width=1200",
                   "caption": "A security guard stands outside the Reserve Bank of India headquarters in Mumbai, India. Example Wire/File Photo"}],
    }
    read_next = [
        ("Asian Markets", "Yen slides as Bank of Japan signals patience on rate hikes"),
        ("Business", "Adani group firm wins approval for $2 billion solar park in Rajasthan"),
        ("Commodities", "Gold edges higher as dollar softens ahead of U.S. jobs data"),
        ("World", "Sri Lanka secures fresh debt relief deal with bilateral creditors"),
    ]
    rn = "\n".join('<li class="story-collection__list-item__j4SQe"><div data-testid="MediaStoryCard" class="media-story-card__hub__3mHOR">'
                   '<span data-testid="Label" class="kicker">' + esc(k) + '</span>'
                   '<a data-testid="Heading" href="https://www.example-wire.com/' + slug(k) + '/' + slug(h) + '/" class="media-story-card__heading__eqhp9">'
                   '<span data-testid="TitleHeading">' + esc(h) + '</span></a>'
                   '<time datetime="2025-08-06T0' + str(n + 3) + ':15:00Z" class="date-line__date__23Ge-">' + str(n + 1) + ' hours ago</time></div></li>'
                   for n, (k, h) in enumerate(read_next))
    html_doc = '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' | Example Wire</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="article:author" content="Meera Kulkarni">
<meta name="article:author" content="Arvind Rao">
<meta property="og:url" content="''' + url + '''">
<meta property="og:type" content="article">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta property="article:section" content="Asian Markets">
<meta name="analyticsAttributes.contentChannel" content="Markets">
<meta name="analyticsAttributes.topicChannel" content="Asian Markets">
<link rel="canonical" href="''' + url + '''">
<link rel="preconnect" href="https://cdn.example-wire.com">
<link rel="stylesheet" href="https://www.example-wire.com/pf/resources/css/main.5e1a02.css">
''' + jsonld(ld) + '''
<script>window.Fusion=window.Fusion||{};Fusion.arcSite="example-wire";Fusion.contentCache={};Fusion.deployment="3215";</script>
</head>
<body>
<div id="fusion-app" class="fusion-app">
<div data-testid="ConsentBanner" class="consent-banner__container__2xp1s" role="region" aria-label="Cookie banner"><p>We use cookies and similar technologies to provide the best experience on our website. Refer to our <a href="https://www.example-wire.com/info-pages/cookies/">Cookie Policy</a> for more information.</p><button>Accept All</button><button>Reject All</button><button>Cookie Settings</button></div>
<header class="site-header__header__3BXXV" data-testid="SiteHeader">
  <a href="#main-content" class="skip-link">Skip to main content</a>
  <a href="https://www.example-wire.com/" aria-label="Example Wire homepage" class="site-header__logo">Example Wire</a>
  <nav class="site-header__nav" aria-label="Main"><ul>
    <li><a href="https://www.example-wire.com/world/">World</a></li>
    <li><a href="https://www.example-wire.com/business/">Business</a></li>
    <li><a href="https://www.example-wire.com/markets/" aria-current="page">Markets</a></li>
    <li><a href="https://www.example-wire.com/sustainability/">Sustainability</a></li>
    <li><a href="https://www.example-wire.com/legal/">Legal</a></li>
    <li><a href="https://www.example-wire.com/breakingviews/">Breakingviews</a></li>
    <li><a href="https://www.example-wire.com/technology/">Technology</a></li>
    <li><a href="https://www.example-wire.com/investigations/">Investigations</a></li>
    <li><a href="https://www.example-wire.com/sports/">Sports</a></li>
  </ul></nav>
  <div class="site-header__actions"><a href="https://www.example-wire.com/account/register/sign-up/" class="button">Register</a><a href="https://www.example-wire.com/account/sign-in/">Sign In</a></div>
</header>
<div class="market-ticker" data-testid="MarketTicker" aria-label="Market data"><ul>
  <li><span>NIFTY 50</span> <span>24,574.20</span> <span class="down">-0.02%</span></li>
  <li><span>USD/INR</span> <span>87.70</span> <span class="up">+0.01%</span></li>
  <li><span>IN10YT</span> <span>6.39</span> <span class="up">+0.04</span></li>
  <li><span>Brent</span> <span>67.82</span> <span class="down">-0.6%</span></li>
</ul></div>
<main id="main-content" class="regular-article-layout__main__1tn6p">
 <article class="article__container__2mVJx" data-testid="Article">
  <header class="article-header__container__3cHaF">
    <nav aria-label="Tags" data-testid="Breadcrumb" class="breadcrumb"><a href="https://www.example-wire.com/markets/">Markets</a><span aria-hidden="true"> / </span><a href="https://www.example-wire.com/markets/asia/">Asian Markets</a></nav>
    <h1 data-testid="Heading" class="text__text__1FZLe text__dark-grey__3Ml43 text__medium__1kbOh heading__base__2T28j heading__heading_2__3Fcw5 article-header__heading__15OpQ">''' + esc(headline) + '''</h1>
    <div class="article-header__info__19X2d">
      <div class="info-content__author-date__1Epi_">By <a rel="author" href="https://www.example-wire.com/authors/meera-kulkarni/" class="text__inherit-color__3208F">Meera Kulkarni</a> and <a rel="author" href="https://www.example-wire.com/authors/arvind-rao/" class="text__inherit-color__3208F">Arvind Rao</a></div>
      <time datetime="''' + pub + '''" class="date-line__date__23Ge-"><span class="date-line__date___kNbY">August 6, 2025</span><span class="date-line__date___kNbY">11:02 AM GMT+5:30</span><span class="date-line__date___kNbY">Updated 3 hours ago</span></time>
    </div>
    <div class="article-header__toolbar" data-testid="ShareBar"><button aria-label="Share on X">X</button><button aria-label="Share on Facebook">Facebook</button><button aria-label="Share on LinkedIn">LinkedIn</button><button aria-label="Email">Email</button><button aria-label="Copy link">Link</button><a href="https://www.example-wire.com/licensing/" class="article-header__license">Purchase Licensing Rights</a></div>
  </header>
  <div class="article__main__33WV2">
   <figure data-testid="primary-image" class="primary-image__container">
     <img src="https://www.example-wire.com/resizer/v2/RBI-HQ.jpg?auth=8a1c&amp;width=960" alt="A security guard stands outside the Reserve Bank of India headquarters in Mumbai" width="960" height="640">
     <figcaption class="image-caption__container"><span data-testid="Body" class="image-caption">A security guard stands outside the Reserve Bank of India (RBI) headquarters in Mumbai, India. Example Wire/Francis Dsouza/File Photo <a href="https://www.example-wire.com/licensing/">Purchase Licensing Rights</a>, opens new tab</span></figcaption>
   </figure>
   <div class="article-body__container__3ypuX" data-testid="ArticleBody">
    <div class="article-body__content__17Yit paywall-article">
''' + "\n".join(parts) + '''
    </div>
    <p data-testid="Body" class="text__text__1FZLe signoff__standards__2kQ7M"><a href="https://www.example-wire.com/info-pages/trust-principles/" class="text__inherit-color__3208F">Our Standards: The Example Wire Trust Principles.</a>, opens new tab</p>
    <div class="article-body__row__dFOPu"><div data-testid="Tags" class="tags-with-label__tags"><span class="tags-with-label__label">Read Next</span></div></div>
   </div>
   <div class="article-body__author-bios__1g2Vw" data-testid="AuthorBios">
     <div class="author-bio__container"><span class="author-bio__name">Meera Kulkarni</span><p class="author-bio__description">Meera covers the Reserve Bank of India, banking and the rupee from Mumbai. She has reported on Indian financial markets for more than a decade.</p></div>
   </div>
  </div>
 </article>
 <section class="read-next__container" data-testid="ReadNext" aria-labelledby="read-next-heading">
   <h2 id="read-next-heading">Read Next</h2>
   <ul class="story-collection__list__2M49i">
''' + rn + '''
   </ul>
 </section>
 <section class="sponsored__container" data-testid="Sponsored" aria-label="Sponsored content">
   <h2>Sponsored Content</h2>
   <ul><li><a href="https://ads.example-native.com/c/1" rel="sponsored">How mid-sized exporters are hedging currency risk in 2025</a><span>Sponsored by Example Bank</span></li>
   <li><a href="https://ads.example-native.com/c/2" rel="sponsored">Five questions to ask before investing in emerging market debt</a><span>Sponsored by Example Asset Management</span></li></ul>
 </section>
</main>
<footer class="site-footer__container" data-testid="SiteFooter">
  <div class="site-footer__apps"><h3>Apps</h3><a href="https://www.example-wire.com/apps/">Example Wire app</a></div>
  <div class="site-footer__newsletters"><h3>Newsletters</h3><p>Subscribe to our news and insights.</p><a href="https://www.example-wire.com/newsletters/">Browse newsletters</a></div>
  <nav class="site-footer__nav"><a href="https://www.example-wire.com/info-pages/about-us/">About Example Wire</a> <a href="https://www.example-wire.com/info-pages/careers/">Careers</a> <a href="https://www.example-wire.com/info-pages/trust-principles/">Trust Principles</a> <a href="https://www.example-wire.com/info-pages/privacy/">Privacy</a> <a href="https://www.example-wire.com/info-pages/terms-of-use/">Terms of Use</a></nav>
  <p class="site-footer__copyright">All quotes delayed a minimum of 15 minutes. &copy; 2025 Example Wire. All rights reserved</p>
</footer>
</div>
<script id="fusion-metadata" type="application/javascript">window.Fusion.globalContent={"_id":"EW2MX7RBI","type":"story","canonical_url":"/markets/asia/india-central-bank-holds-rates-trims-growth-forecast-monsoon-falters-2025-08-06/","word_count":524};</script>
<script src="https://www.example-wire.com/pf/dist/engine/react.js?d=3215" defer></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 4. Next.js / React site: article inside <div id="__next"> + __NEXT_DATA__
# ---------------------------------------------------------------------------

def page_nextjs():
    name = "nextjs_chip_plant"
    path = "/business/odisha-chip-packaging-plant-begins-trial-production"
    url = "https://www.example-signal.in" + path
    headline = "Odisha’s first chip packaging plant begins trial production near Bhubaneswar"
    desc = ("The ₹3,800-crore facility will package power-management and display-driver chips, "
            "but finding skilled engineers remains the biggest hurdle.")
    author = "Ritika Panda"
    pub, mod = "2025-10-09T08:15:00+05:30", "2025-10-09T12:40:00+05:30"
    body = [
        B("p", "A semiconductor assembly and testing plant on the outskirts of Bhubaneswar began "
               "trial production this week, making Odisha the latest Indian state to join a "
               "subsidy-driven race to build a domestic chip supply chain that has so far been "
               "concentrated in Gujarat and Assam."),
        B("p", "The facility, built by a joint venture between a Bengaluru-based electronics firm and "
               "a Taiwanese packaging specialist, will initially package power-management and "
               "display-driver chips for smartphone and automotive customers. Executives said it "
               "could process up to 15 million units a day once all three production lines are "
               "running by the end of next year."),
        B("h", "What the state is offering"),
        B("p", "Odisha’s government has matched the central government’s capital subsidy with an "
               "additional package designed to lure manufacturers away from more established "
               "industrial hubs. Officials say the incentives were decisive in securing the "
               "investment, which is estimated at ₹3,800 crore over four years."),
        B("pshort", "The state’s package includes:"),
        B("li", "A 25% top-up on the capital subsidy provided under the national semiconductor mission"),
        B("li", "Electricity at a fixed concessional tariff for ten years"),
        B("li", "Reimbursement of stamp duty on land purchases and lease registration"),
        B("li", "A dedicated water supply line from a nearby reservoir"),
        B("p", "Industry analysts say packaging and testing, known in the industry as OSAT, is a more "
               "realistic entry point for India than full-scale wafer fabrication, which requires far "
               "larger investments and a mature ecosystem of chemical and equipment suppliers. "
               "Several such projects have been approved across the country since 2023."),
        B("h", "The skills gap"),
        B("p", "The biggest constraint may be people rather than money. The plant expects to employ "
               "about 2,200 workers at full capacity, most of them technicians. It has tied up with "
               "two local engineering colleges and an industrial training institute to run six-month "
               "courses, but executives concede that senior process engineers will have to be "
               "recruited from abroad for now."),
        B("p", "“We have hired engineers from Malaysia, Taiwan and the Philippines to train our first "
               "batches,” said Pradeep Mohanty, the joint venture’s chief operating officer. “The "
               "goal is that within three years, every shift supervisor on the floor is someone who "
               "grew up in this state.”"),
        B("p", "Critics have questioned whether the cost of subsidies, shared between the state and "
               "the Centre, can be justified by the number of jobs created. A report by a Delhi-based "
               "think tank last year estimated that public support for some approved chip projects "
               "amounted to more than ₹1 crore per direct job."),
        B("p", "For now, the first commercial shipments are expected in the second quarter of 2026, "
               "subject to customer qualification tests that can take several months. The company "
               "said it had signed preliminary supply agreements with two domestic smartphone makers "
               "and was in talks with an electric two-wheeler manufacturer."),
    ]
    # render body, grouping consecutive li items into one <ul>
    parts = []
    nblocks = []
    i = 0
    while i < len(body):
        b = body[i]
        if b.kind == "li":
            items = []
            while i < len(body) and body[i].kind == "li":
                items.append(body[i])
                i += 1
            parts.append('<ul class="ArticleBody_list__Qm2vX">' + "".join(
                '<li class="ArticleBody_listItem__u8cDd">' + x.frag + '</li>' for x in items) + '</ul>')
            nblocks.append({"type": "list", "ordered": False, "items": [x.text for x in items]})
            continue
        if b.kind == "h":
            parts.append('<h2 class="ArticleBody_heading__k3Lw0" id="' + slug(b.text) + '">' + b.frag + '</h2>')
            nblocks.append({"type": "heading", "level": 2, "text": b.text})
        else:
            parts.append('<p class="ArticleBody_paragraph__Yc5pT">' + b.frag + '</p>')
            nblocks.append({"type": "paragraph", "text": b.text})
        if i == 1:
            parts.append('<div class="AdSlot_wrapper__pX0sk" data-slot="article_inline_1"><span class="AdSlot_label__1b9Kj">Advertisement</span><div id="gpt-inline-1" class="AdSlot_slot__3mLzT"></div></div>')
            nblocks.append({"type": "ad", "slot": "article_inline_1"})
        if i == 3:
            parts.append('<aside class="InlineRelated_box__w2Yq1"><span class="InlineRelated_label__0dF2c">Also read</span>'
                         '<a href="https://www.example-signal.in/business/assam-chip-plant-deadline" class="InlineRelated_link__7hTq9">Assam chip plant pushes back production start to mid-2026</a></aside>')
            nblocks.append({"type": "related", "href": "/business/assam-chip-plant-deadline"})
        if i == 11:
            parts.append('<figure class="ArticleImage_figure__m1Bzk"><span style="box-sizing:border-box;display:block;overflow:hidden;position:relative"><img alt="Technicians in clean-room suits inspect a tray of chips" src="/_next/image?url=https%3A%2F%2Fcdn.example-signal.in%2F2025%2F10%2Fcleanroom.jpg&amp;w=1200&amp;q=75" decoding="async" style="position:absolute;inset:0;width:100%;height:100%;object-fit:cover"></span>'
                         '<figcaption class="ArticleImage_caption__vH7pQ">Technicians at the plant’s clean room during a trial run. <span class="ArticleImage_credit__bE8sR">Photo: Special arrangement</span></figcaption></figure>')
            nblocks.append({"type": "image", "caption": "Technicians at the plant’s clean room during a trial run.", "credit": "Photo: Special arrangement"})
        i += 1

    trending = [
        {"title": "Sensex slips 600 points as IT stocks drag; Infosys down 3%", "slug": "/markets/sensex-it-stocks-drag", "summary": "Weak guidance from a US client sparks a sell-off in tech heavyweights."},
        {"title": "Why your EMI may not fall even after the RBI’s rate cuts", "slug": "/personal-finance/emi-rate-cut-transmission", "summary": "Banks have been slow to pass on lower rates to existing borrowers."},
        {"title": "Vizag data centre park gets land at ₹1 per acre", "slug": "/business/vizag-data-centre-park", "summary": "Andhra Pradesh offers sweeping concessions to hyperscalers."},
        {"title": "The startups betting on India’s electric three-wheeler boom", "slug": "/tech/electric-three-wheeler-startups", "summary": "Cargo e-rickshaws are quietly becoming the country’s biggest EV segment."},
    ]
    next_data = {
        "props": {
            "pageProps": {
                "article": {
                    "id": "art_01JA8Z4T6V0Q3",
                    "slug": path,
                    "headline": headline,
                    "dek": desc,
                    "section": {"name": "Business", "slug": "business"},
                    "authors": [{"name": author, "slug": "ritika-panda", "title": "Senior Correspondent",
                                 "bio": "Ritika reports on industry and infrastructure in eastern India."}],
                    "publishedAt": pub,
                    "updatedAt": mod,
                    "readingTime": 5,
                    "tags": ["Semiconductors", "Odisha", "Manufacturing", "Make in India"],
                    "heroImage": {"src": "https://cdn.example-signal.in/2025/10/plant-exterior.jpg",
                                  "alt": "The plant’s main building near Bhubaneswar", "width": 1600, "height": 900},
                    "blocks": nblocks,
                    "paywall": {"isPremium": False, "meterCount": 3},
                },
                "trending": trending,
                "navigation": [{"label": l, "href": "/" + slug(l)} for l in
                               ["News", "Business", "Markets", "Tech", "Personal Finance", "Opinion", "Podcasts"]],
                "adConfig": {"networkCode": "22881455", "targeting": {"section": "business", "tags": ["semiconductors", "odisha"]}},
                "seo": {"canonical": url, "robots": "index, follow, max-image-preview:large"},
            },
            "__N_SSP": True,
        },
        "page": "/[section]/[slug]",
        "query": {"section": "business", "slug": "odisha-chip-packaging-plant-begins-trial-production"},
        "buildId": "x9Fq2LrT0aW1bYc3dE4fG",
        "assetPrefix": "https://static.example-signal.in",
        "isFallback": False,
        "gssp": True,
        "customServer": False,
        "scriptLoader": [],
    }
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": desc,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": pub,
        "dateModified": mod,
        "author": {"@type": "Person", "name": author, "url": "https://www.example-signal.in/author/ritika-panda"},
        "publisher": {"@type": "Organization", "name": "The Signal",
                      "logo": {"@type": "ImageObject", "url": "https://static.example-signal.in/logo-512.png"}},
        "image": "https://cdn.example-signal.in/2025/10/plant-exterior.jpg",
        "articleSection": "Business",
        "inLanguage": "en-IN",
    }
    tr = "\n".join('<li class="Trending_item__b7Ue2"><a href="https://www.example-signal.in' + t["slug"] + '" class="Trending_link__4GmQp">'
                   '<span class="Trending_rank__Z1xqk">' + str(n + 1) + '</span><span class="Trending_title__2c8Hd">' + esc(t["title"]) +
                   '</span></a><p class="Trending_summary__9uMvL">' + esc(t["summary"]) + '</p></li>'
                   for n, t in enumerate(trending))
    html_doc = '''<!DOCTYPE html>
<html lang="en-IN">
<head>
<meta charSet="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' | The Signal</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="author" content="''' + author + '''">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://cdn.example-signal.in/2025/10/plant-exterior.jpg">
<meta property="og:type" content="article">
<meta property="article:published_time" content="''' + pub + '''">
<meta name="next-head-count" content="14">
<link rel="preload" href="https://static.example-signal.in/_next/static/media/inter-latin.woff2" as="font" type="font/woff2" crossorigin="anonymous">
<link rel="preload" href="https://static.example-signal.in/_next/static/css/8b3f0c0d2a1e7f44.css" as="style">
<link rel="stylesheet" href="https://static.example-signal.in/_next/static/css/8b3f0c0d2a1e7f44.css" data-n-g="">
<noscript data-n-css=""></noscript>
''' + jsonld(ld) + '''
<script defer nomodule src="https://static.example-signal.in/_next/static/chunks/polyfills-c67a75d1b6f99dc8.js"></script>
<script src="https://static.example-signal.in/_next/static/chunks/webpack-4f3e6a1b0c5d2e77.js" defer></script>
<script src="https://static.example-signal.in/_next/static/chunks/framework-fda0a023b274c574.js" defer></script>
<script src="https://static.example-signal.in/_next/static/chunks/main-8a4c2b0e9d1f3a56.js" defer></script>
<script src="https://static.example-signal.in/_next/static/chunks/pages/_app-1b2c3d4e5f6a7b8c.js" defer></script>
<script src="https://static.example-signal.in/_next/static/chunks/pages/%5Bsection%5D/%5Bslug%5D-9e8d7c6b5a4f3e2d.js" defer></script>
<script src="https://static.example-signal.in/_next/static/x9Fq2LrT0aW1bYc3dE4fG/_buildManifest.js" defer></script>
<script src="https://static.example-signal.in/_next/static/x9Fq2LrT0aW1bYc3dE4fG/_ssgManifest.js" defer></script>
</head>
<body>
<div id="__next">
<div class="Layout_root__Vq8sR">
 <div class="TopBanner_root__x1Lq0" role="region" aria-label="Promotion"><span>Get The Signal Premium at ₹99 for your first 3 months.</span> <a href="https://www.example-signal.in/subscribe?src=topbanner" class="TopBanner_cta__bP3nL">Subscribe now</a></div>
 <header class="Header_header__3mZkP">
  <a href="https://www.example-signal.in/" class="Header_logo__q0Wn2" aria-label="The Signal home"><svg width="120" height="28" viewBox="0 0 120 28" aria-hidden="true"><path d="M0 0h120v28H0z"></path></svg></a>
  <nav class="Header_nav__7sZ1c" aria-label="Primary"><ul class="Header_navList__pQ3aB">
    <li><a href="https://www.example-signal.in/news">News</a></li>
    <li><a href="https://www.example-signal.in/business" aria-current="page">Business</a></li>
    <li><a href="https://www.example-signal.in/markets">Markets</a></li>
    <li><a href="https://www.example-signal.in/tech">Tech</a></li>
    <li><a href="https://www.example-signal.in/personal-finance">Personal Finance</a></li>
    <li><a href="https://www.example-signal.in/opinion">Opinion</a></li>
    <li><a href="https://www.example-signal.in/podcasts">Podcasts</a></li>
  </ul></nav>
  <div class="Header_actions__Yq2dS"><button class="Header_search__kL0vE" aria-label="Search">Search</button><a href="https://www.example-signal.in/login" class="Header_login__c8Pz1">Log in</a><a href="https://www.example-signal.in/subscribe" class="Header_subscribe__T6vXm">Subscribe</a></div>
 </header>
 <main class="ArticlePage_main__J9kRc">
  <nav class="Breadcrumbs_root__2nWq7" aria-label="Breadcrumb"><ol><li><a href="https://www.example-signal.in/">Home</a></li><li><a href="https://www.example-signal.in/business">Business</a></li><li aria-current="page">Manufacturing</li></ol></nav>
  <div class="ArticlePage_grid__m3Fq8">
   <article class="ArticlePage_article__Zq1Wd">
    <header class="ArticleHeader_header__s0Pq4">
      <span class="ArticleHeader_kicker__wY7nC">Semiconductors</span>
      <h1 class="ArticleHeader_title__H2gLk">''' + esc(headline) + '''</h1>
      <p class="ArticleHeader_dek__u5Tnq">''' + esc(desc) + '''</p>
      <div class="ArticleHeader_meta__bR4xV"><a href="https://www.example-signal.in/author/ritika-panda" class="ArticleHeader_author__p1Lk9">''' + author + '''</a><span class="ArticleHeader_dot__z3vB1">·</span><time dateTime="''' + pub + '''">9 Oct 2025, 8:15 am IST</time><span class="ArticleHeader_dot__z3vB1">·</span><span>5 min read</span></div>
      <div class="ShareBar_root__eR6m2"><button aria-label="Share on WhatsApp">WhatsApp</button><button aria-label="Share on X">X</button><button aria-label="Share on LinkedIn">LinkedIn</button><button aria-label="Copy link">Copy link</button><button aria-label="Bookmark">Save</button></div>
    </header>
    <figure class="ArticleHero_figure__F0xw4"><span style="box-sizing:border-box;display:block;overflow:hidden;position:relative"><img alt="The plant’s main building near Bhubaneswar" src="/_next/image?url=https%3A%2F%2Fcdn.example-signal.in%2F2025%2F10%2Fplant-exterior.jpg&amp;w=1920&amp;q=75" decoding="async" style="position:absolute;inset:0;width:100%;height:100%;object-fit:cover"></span><figcaption class="ArticleHero_caption__pS5bV">The plant’s main building near Bhubaneswar. <span>Photo: The Signal</span></figcaption></figure>
    <div class="ArticleBody_body__x7YqA" data-article-id="art_01JA8Z4T6V0Q3">
''' + "\n".join(parts) + '''
    </div>
    <div class="ArticleTags_root__c2Vn0"><span class="ArticleTags_label__8rQm1">Topics</span><a href="https://www.example-signal.in/topic/semiconductors">Semiconductors</a><a href="https://www.example-signal.in/topic/odisha">Odisha</a><a href="https://www.example-signal.in/topic/manufacturing">Manufacturing</a><a href="https://www.example-signal.in/topic/make-in-india">Make in India</a></div>
    <div class="AuthorCard_root__k8Wq2"><img src="https://cdn.example-signal.in/authors/ritika-panda.jpg" alt="" width="64" height="64"><div><a href="https://www.example-signal.in/author/ritika-panda" class="AuthorCard_name__5rTz3">''' + author + '''</a><p class="AuthorCard_bio__Q9sXe">Ritika reports on industry and infrastructure in eastern India. She previously covered mining and steel for a business daily in Kolkata.</p></div></div>
    <div class="NewsletterInline_root__w4Hn7"><h3>The Signal Daily</h3><p>The five business stories you need to know, every weekday at 7 am.</p><form><input type="email" placeholder="you@example.com" aria-label="Email address"><button type="submit">Sign me up</button></form></div>
   </article>
   <aside class="ArticlePage_rail__U2qNb">
    <section class="Trending_root__aQ5mW"><h2 class="Trending_heading__Wm0kE">Trending</h2><ol class="Trending_list__6jPc2">
''' + tr + '''
    </ol></section>
    <div class="AdSlot_wrapper__pX0sk" data-slot="rail_1"><span class="AdSlot_label__1b9Kj">Advertisement</span><div id="gpt-rail-1" class="AdSlot_slot__3mLzT"></div></div>
   </aside>
  </div>
  <section class="Recommended_root__dP4sT" aria-labelledby="rec-heading"><h2 id="rec-heading">Recommended for you</h2><div class="Recommended_grid__0vWq3">
    <a class="Card_root__1xQ2w" href="https://www.example-signal.in/tech/india-chip-design-startups-funding"><h3 class="Card_title__n9Cz5">Chip design startups raised a record $400 million this year. Where is the money going?</h3><p class="Card_teaser__y3Rf7">Investors are backing fabless firms that design chips for power electronics and IoT devices.</p></a>
    <a class="Card_root__1xQ2w" href="https://www.example-signal.in/business/odisha-aluminium-park-expansion"><h3 class="Card_title__n9Cz5">Odisha expands aluminium park as downstream units line up</h3><p class="Card_teaser__y3Rf7">The state wants to capture more value from the metal it already produces in bulk.</p></a>
    <a class="Card_root__1xQ2w" href="https://www.example-signal.in/opinion/semiconductor-subsidy-math"><h3 class="Card_title__n9Cz5">Opinion: The subsidy maths behind India’s chip dream does not add up</h3><p class="Card_teaser__y3Rf7">Public money should follow capabilities, not ribbon-cutting ceremonies.</p></a>
  </div></section>
 </main>
 <footer class="Footer_root__o3Zs1"><div class="Footer_cols__7Gd2Q"><div><h4>The Signal</h4><a href="https://www.example-signal.in/about">About us</a><a href="https://www.example-signal.in/careers">Careers</a><a href="https://www.example-signal.in/contact">Contact</a></div><div><h4>Legal</h4><a href="https://www.example-signal.in/privacy">Privacy policy</a><a href="https://www.example-signal.in/terms">Terms of use</a><a href="https://www.example-signal.in/grievance">Grievance redressal</a></div></div><p class="Footer_copy__Hk2s0">© 2025 Signal Media Pvt Ltd. All rights reserved.</p></footer>
</div>
<next-route-announcer><p aria-live="assertive" id="__next-route-announcer__" role="alert" style="border:0;clip:rect(0 0 0 0);height:1px;margin:-1px;overflow:hidden;padding:0;position:absolute;width:1px;white-space:nowrap;word-wrap:normal"></p></next-route-announcer>
</div>
<script id="__NEXT_DATA__" type="application/json">''' + js(next_data) + '''</script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 5. Substack/Medium-style newsletter post with claps, Subscribe, footnotes
# ---------------------------------------------------------------------------

def page_substack():
    name = "substack_remittances"
    url = "https://fieldnotesonmoney.example-stack.com/p/the-paradox-of-nepals-remittance-boom"
    headline = "The paradox of Nepal’s remittance boom"
    subtitle = "Money keeps pouring in. The reasons people leave keep getting worse."
    author = "Kiran Adhikari"
    pub = "2025-02-03T13:02:11.000Z"
    body = [
        B("p", "Every morning at the departure gate of Kathmandu’s airport, you can watch one of the "
               "largest economic forces in the country walk past you with a backpack. Young men, and "
               "increasingly young women, heading for Doha, Kuala Lumpur, Riyadh or Tokyo. By the time "
               "they land, most of them are already in debt to a recruitment agent."),
        B("p", "Remittances now equal roughly a quarter of Nepal’s gross domestic product, one of the "
               "highest ratios in the world. Last year inflows hit a record again, even as the domestic "
               "economy barely grew. That combination is what I want to think through in this post: "
               "why money keeps pouring in while the reasons people leave keep getting worse.", fn=1),
        B("h", "Money without investment"),
        B("p", "The standard story is that remittances are good. They pay for school fees, hospital "
               "bills and new concrete houses, and they have helped cut the poverty rate dramatically "
               "over two decades. All of this is true, and I do not want to be the economist who tells "
               "families that their hard-earned money is somehow a problem."),
        B("p", "But look at where the money goes next. The overwhelming share of it is spent on "
               "consumption, land and imported goods. Land prices on the edges of towns have gone up "
               "several times over, which makes it harder, not easier, for anyone to start a workshop "
               "or a farm business. Meanwhile imports, financed by remittances, crowd the shelves.", fn=2),
        B("p", "In other words, remittances have become a kind of very large, very decentralised "
               "welfare system, funded by the sweat of workers abroad. It keeps the lights on. What it "
               "has not done, so far, is build the productive base that would let the next generation "
               "stay home if they wanted to."),
        B("h", "Three things that could change it"),
        B("li", "Cheaper, safer migration, so that workers start their time abroad without crushing debt."),
        B("li", "Matched savings schemes that reward remittance-receiving households for investing in local enterprises."),
        B("li", "Honest data on return migration, because we know remarkably little about what happens when workers come back."),
        B("p", "None of these ideas is new, and none of them is a silver bullet. But I keep coming back to "
               "the fact that the cost of the current arrangement is paid mostly by the people who have "
               "the least say over it: the workers in the Gulf heat and the families waiting at home "
               "for the weekly video call.", fn=3),
        B("p", "Next week I will look at the return side of the story, using a small survey of returnees "
               "in the western hills that a few colleagues and I have been running since last winter. "
               "The early numbers surprised me, and not in the direction I expected."),
        B("note", "Figures are from the central bank’s annual remittance statistics and the national "
                  "accounts; the ratio has hovered between 22 and 26 per cent for most of the past decade."),
        B("note", "There is a good body of research on remittance spending in South Asia; the broad "
                  "finding that most inflows go to consumption and real estate is consistent across countries."),
        B("note", "I am deliberately leaving out the macroeconomic debate about exchange rates and "
                  "competitiveness, which deserves its own post."),
    ]
    sub_widget = ('<div class="subscription-widget-wrap-editor" data-attrs="' + esc(js({"url": "https://fieldnotesonmoney.example-stack.com/subscribe?", "text": "Subscribe", "language": "en"})) + '" data-component-name="SubscribeWidgetToDOM">'
                  '<div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Field Notes on Money is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p></div>'
                  '<form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe"></form></div></div>')
    parts = []
    fn_no = 0
    notes = [b for b in body if b.kind == "note"]
    i = 0
    main = [b for b in body if b.kind != "note"]
    while i < len(main):
        b = main[i]
        if b.kind == "li":
            items = []
            while i < len(main) and main[i].kind == "li":
                items.append(main[i])
                i += 1
            parts.append("<ol>" + "".join("<li><p>" + x.frag + "</p></li>" for x in items) + "</ol>")
            continue
        if b.kind == "h":
            parts.append('<h3 class="header-anchor-post">' + b.frag + '<div class="header-anchor-parent"><div class="header-anchor-widget"><a class="header-anchor" href="#§' + slug(b.text) + '">§</a></div></div></h3>')
        else:
            anchor = ""
            if "fn" in b.kw:
                n = b.kw["fn"]
                anchor = ('<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-' + str(n) +
                          '" href="#footnote-' + str(n) + '" target="_self">' + str(n) + '</a>')
            parts.append("<p>" + b.frag + anchor + "</p>")
        if i == 1:
            parts.append(sub_widget)
        if i == 5:
            parts.append('<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" target="_blank" href="https://substackcdn.example-stack.com/image/fetch/f_auto/remit-chart.png"><div class="image2-inset"><picture><img src="https://substackcdn.example-stack.com/image/fetch/w_1456,c_limit,f_webp/remit-chart.png" width="1456" height="819" alt="Line chart of remittances as a share of GDP, 2010 to 2024" loading="lazy"></picture></div></a>'
                         '<figcaption class="image-caption">Remittances as a share of GDP. Source: central bank, author’s calculations.</figcaption></figure></div>')
        i += 1
    for n, note in enumerate(notes, 1):
        parts.append('<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-' + str(n) +
                     '" href="#footnote-anchor-' + str(n) + '" class="footnote-number" contenteditable="false" target="_self">' +
                     str(n) + '</a><div class="footnote-content"><p>' + note.frag + '</p></div></div>')

    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": url,
        "mainEntityOfPage": url,
        "headline": headline,
        "description": subtitle,
        "image": [{"@type": "ImageObject", "url": "https://substackcdn.example-stack.com/image/fetch/remit-cover.jpg"}],
        "datePublished": pub,
        "dateModified": pub,
        "isAccessibleForFree": True,
        "author": [{"@type": "Person", "name": author, "url": "https://example-stack.com/@kiranadhikari", "description": "Development economist writing about migration and money in South Asia."}],
        "publisher": {"@type": "Organization", "name": "Field Notes on Money", "url": "https://fieldnotesonmoney.example-stack.com"},
    }
    preloads = {"isEU": False, "language": "en", "pub": {"id": 1184421, "name": "Field Notes on Money", "subdomain": "fieldnotesonmoney", "author_name": author},
                "post": {"id": 156502331, "title": headline, "subtitle": subtitle, "slug": "the-paradox-of-nepals-remittance-boom",
                         "post_date": pub, "audience": "everyone", "reaction_count": 1204, "comment_count": 37, "restacks": 58,
                         "wordcount": 742, "postTags": [{"name": "Migration"}, {"name": "Nepal"}]}}
    comments = [
        ("Suman G.", "My father worked in Malaysia for eleven years. Almost everything went into land and my sister’s wedding. Nobody ever told us there was another option."),
        ("Devika", "Great piece. Would love to see the numbers on how much of the recruitment debt is informal."),
        ("Tom H.", "The land price point is underrated. Same pattern in Kerala in the 1990s."),
    ]
    com = "\n".join('<div class="comment"><div class="comment-meta"><a class="comment-author" href="https://example-stack.com/@u' + str(n) + '">' + esc(a) +
                    '</a><span class="comment-date">Feb ' + str(n + 3) + '</span></div><div class="comment-body"><p>' + esc(t) +
                    '</p></div><div class="comment-actions"><button class="like-button">Like (' + str(14 - 4 * n) + ')</button><button>Reply</button><button>Share</button></div></div>'
                    for n, (a, t) in enumerate(comments))
    html_doc = '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>''' + esc(headline) + ''' - by ''' + author + ''' - Field Notes on Money</title>
<meta name="description" content="''' + esc(subtitle) + '''">
<meta name="author" content="''' + author + '''">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:type" content="article">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(subtitle) + '''">
<meta property="og:image" content="https://substackcdn.example-stack.com/image/fetch/remit-cover.jpg">
<meta property="article:published_time" content="''' + pub + '''">
<meta name="twitter:card" content="summary_large_image">
<link rel="alternate" type="application/rss+xml" href="https://fieldnotesonmoney.example-stack.com/feed" title="Field Notes on Money">
<link rel="stylesheet" href="https://substackcdn.example-stack.com/bundle/theme/main.a1b2c3.css">
''' + jsonld(ld) + '''
</head>
<body class="pc-root">
<div id="entry">
<div id="main" class="main typography use-theme-bg">
 <div class="main-menu" role="banner">
   <div class="topbar-content"><a href="https://fieldnotesonmoney.example-stack.com/" class="navbar-title-link">Field Notes on Money</a>
   <div class="navbar-buttons"><button class="button subscribe-btn primary">Subscribe</button><a href="https://example-stack.com/sign-in" class="button sign-in-link">Sign in</a></div></div>
 </div>
 <div class="container">
  <div class="single-post-container">
   <div class="single-post">
    <article class="typography newsletter-post post">
     <div class="post-header">
       <h1 class="post-title published">''' + esc(headline) + '''</h1>
       <h3 class="subtitle">''' + esc(subtitle) + '''</h3>
       <div class="post-meta"><div class="profile-hover-card-target"><a href="https://example-stack.com/@kiranadhikari" class="pencraft frontend-pencraft-Text-module__decoration-hover-underline">''' + author + '''</a></div><div class="pencraft pc-reset color-pub-secondary-text-hGQ02T">Feb 03, 2025</div></div>
       <div class="post-ufi" role="toolbar"><button class="like-button-container post-ufi-button" aria-label="Clap for this post"><span class="clap-icon">👏</span><span class="label">1.2K</span></button><a class="post-ufi-button post-ufi-comment-button" href="#comments"><span class="label">37</span></a><button class="post-ufi-button restack-button"><span class="label">58</span></button><button class="post-ufi-button share-button">Share</button></div>
     </div>
     <div class="available-content">
      <div dir="auto" class="body markup">
''' + "\n".join(parts) + '''
      </div>
     </div>
     <div class="post-footer">
       <div class="subscribe-footer"><p>Thanks for reading Field Notes on Money! Subscribe for free to receive new posts and support my work.</p><form><input type="email" placeholder="Type your email…"><button class="button primary">Subscribe</button></form></div>
       <div class="post-ufi"><button class="like-button-container post-ufi-button"><span class="clap-icon">👏</span><span class="label">1.2K Claps</span></button><button class="post-ufi-button">37 Comments</button><button class="post-ufi-button">58 Restacks</button><button class="post-ufi-button share-button">Share</button></div>
     </div>
    </article>
    <div id="comments" class="comments-page">
      <h4 class="comments-heading">Discussion about this post</h4>
      <div class="comment-input"><textarea placeholder="Write a comment..."></textarea></div>
''' + com + '''
      <a class="more-comments" href="''' + url + '''/comments">34 more comments...</a>
    </div>
    <div class="post-end-cta-full"><h3>Ready for more?</h3><form><input type="email" placeholder="Type your email…"><button>Subscribe</button></form></div>
    <div class="recommended-posts"><h4>Top</h4><ul>
      <li><a href="https://fieldnotesonmoney.example-stack.com/p/why-the-rupee-peg-survives">Why the rupee peg survives</a><span>Kiran Adhikari · Oct 12, 2024</span></li>
      <li><a href="https://fieldnotesonmoney.example-stack.com/p/the-hidden-cost-of-manpower-agents">The hidden cost of manpower agents</a><span>Kiran Adhikari · Dec 1, 2024</span></li>
      <li><a href="https://fieldnotesonmoney.example-stack.com/p/what-a-village-bank-taught-me">What a village bank taught me about credit</a><span>Kiran Adhikari · Aug 30, 2024</span></li>
    </ul></div>
   </div>
  </div>
 </div>
 <div class="footer-wrap"><div class="footer"><p>© 2025 Kiran Adhikari</p><a href="https://example-stack.com/privacy">Privacy</a> ∙ <a href="https://example-stack.com/tos">Terms</a> ∙ <a href="https://example-stack.com/ccpa#personal-data-collected">Collection notice</a><a class="footer-cta" href="https://example-stack.com/signup">Start writing</a><a href="https://example-stack.com/app">Get the app</a></div><p class="footer-substack-slogan">Example Stack is the home for great culture</p></div>
</div>
</div>
<script>window._preloads = JSON.parse(''' + json.dumps(js(preloads)) + ''')</script>
<script src="https://substackcdn.example-stack.com/bundle/static/js/main.7b3c0a.js" charset="utf-8"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 6. Local TV station site: video player, Watch live, weather widget
#    (JSON-LD NewsArticle with the FULL articleBody)
# ---------------------------------------------------------------------------

def page_localtv():
    name = "localtv_storm_outage"
    url = "https://www.example-kdmx7.com/news/local/storms-knock-out-power-to-60000-restoration-could-take-days/"
    headline = "Storms knock out power to 60,000; crews say full restoration could take days"
    desc = ("Straight-line winds up to 80 mph toppled trees and snapped poles across the Des Moines "
            "metro overnight. Some customers may be without power until Friday.")
    author = "Jenna Kowalczyk"
    pub, mod = "2025-07-15T06:31:00-05:00", "2025-07-15T18:12:00-05:00"
    body = [
        B("p", "DES MOINES, Iowa — More than 60,000 homes and businesses across central Iowa were "
               "still without power Tuesday evening after a line of severe thunderstorms packing winds "
               "of up to 80 miles per hour tore through the metro overnight, toppling trees and "
               "snapping utility poles."),
        B("p", "MidPlains Energy said crews from four neighboring states had arrived to help with "
               "repairs, but warned that some customers in the hardest-hit neighborhoods on the city's "
               "west side and in Urbandale may not have electricity restored until Friday."),
        B("p", "\"This is one of the most significant storm events we have seen in our service "
               "territory in the past decade,\" said Lauren Kessler, a spokesperson for the utility. "
               "\"We ask people to please stay away from downed lines and to assume every wire on the "
               "ground is live.\""),
        B("p", "The National Weather Service confirmed straight-line wind damage along a path "
               "stretching roughly 40 miles from Adel to Altoona. A survey team was also examining "
               "damage near Grimes to determine whether a brief tornado touched down there shortly "
               "after 2 a.m."),
        B("p", "Des Moines Public Schools canceled summer programs at 14 buildings without power, and "
               "the city opened cooling centers at three public libraries as afternoon temperatures "
               "climbed into the low 90s. Officials urged residents checking on elderly neighbors to "
               "watch for signs of heat exhaustion."),
        B("p", "Polk County emergency management reported no deaths, though at least six people were "
               "treated for minor injuries, including two people hurt by falling branches while "
               "clearing debris. Fire crews responded to more than 120 calls overnight, many involving "
               "trees on homes and vehicles."),
        B("p", "City crews will begin curbside collection of storm debris on Thursday. Residents are "
               "asked to cut limbs into lengths of no more than 10 feet and stack them at the curb, "
               "away from parked cars, mailboxes and fire hydrants, so that trucks can reach them safely."),
        B("p", "Another round of scattered storms is possible Wednesday afternoon, according to the "
               "KDMX 7 First Alert Weather team, though forecasters said those storms are not expected "
               "to be as strong. Any additional rain could slow repair work in flooded low-lying areas "
               "near the Raccoon River."),
    ]
    full_body = "\n\n".join(b.text for b in body)
    parts = []
    for i, b in enumerate(body):
        parts.append("<p>" + b.frag + "</p>")
        if i == 1:
            parts.append('<p class="related-link"><strong>RELATED: <a href="https://www.example-kdmx7.com/news/local/photos-storm-damage-across-central-iowa/">PHOTOS: Storm damage across central Iowa</a></strong></p>')
        if i == 3:
            parts.append('<div class="ad-unit ad-unit--inline" data-ad-pos="inline1"><div class="ad-unit__label">Advertisement</div><div id="ad-inline1"></div></div>')
        if i == 5:
            parts.append('<div class="embed embed--video-playlist"><div class="video-player video-player--inline" data-media-id="KdmxP9x2" data-player="jw"><div class="video-player__placeholder"><img src="https://media.example-kdmx7.com/thumbs/KdmxP9x2-720.jpg" alt=""><span class="video-player__title">WATCH: Neighbors clean up after overnight storms</span><span class="video-player__duration">2:14</span><button class="video-player__play" aria-label="Play video">Play</button></div></div></div>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": headline,
        "description": desc,
        "datePublished": pub,
        "dateModified": mod,
        "author": [{"@type": "Person", "name": author}],
        "publisher": {"@type": "Organization", "name": "KDMX 7 News",
                      "logo": {"@type": "ImageObject", "url": "https://www.example-kdmx7.com/assets/kdmx7-logo-600x60.png", "width": 600, "height": 60}},
        "image": {"@type": "ImageObject", "url": "https://media.example-kdmx7.com/2025/07/15/storm-tree-house.jpg", "width": 1280, "height": 720},
        "articleSection": "Local News",
        "articleBody": full_body,
        "video": {"@type": "VideoObject", "name": "Neighbors clean up after overnight storms",
                  "description": "Residents in Urbandale and west Des Moines spent Tuesday clearing fallen trees.",
                  "thumbnailUrl": "https://media.example-kdmx7.com/thumbs/KdmxP9x2-720.jpg",
                  "uploadDate": "2025-07-15T12:20:00-05:00", "duration": "PT2M14S"},
    }
    html_doc = '''<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' | KDMX 7 News Des Moines</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="author" content="''' + author + '''">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://media.example-kdmx7.com/2025/07/15/storm-tree-house.jpg">
<meta property="og:type" content="article">
<meta property="og:site_name" content="KDMX 7 News">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta name="parsely-metadata" content='{"station":"kdmx","section":"local"}'>
<link rel="stylesheet" id="kdmx-theme-css" href="https://www.example-kdmx7.com/wp-content/themes/station-theme/dist/main.css?ver=4.12.1" media="all">
''' + jsonld(ld) + '''
<script>var stationConfig={"callsign":"KDMX","market":"Des Moines","timezone":"America/Chicago","liveStreamUrl":"https://live.example-kdmx7.com/hls/kdmx/master.m3u8"};</script>
</head>
<body class="post-template-default single single-post postid-884213 single-format-standard">
<div class="alert-bar alert-bar--weather" role="alert"><span class="alert-bar__label">WEATHER ALERT</span> <a href="https://www.example-kdmx7.com/weather/alerts/">Heat Advisory in effect for Polk, Dallas and Warren counties until 8 PM</a></div>
<div class="alert-bar alert-bar--closings"><span class="alert-bar__label">CLOSINGS</span> <a href="https://www.example-kdmx7.com/closings/">23 closings and delays</a></div>
<header class="site-header">
  <div class="site-header__top">
    <a class="site-header__logo" href="https://www.example-kdmx7.com/"><img src="https://www.example-kdmx7.com/assets/kdmx7-logo.svg" alt="KDMX 7 News Des Moines" width="160" height="48"></a>
    <a class="site-header__watch-live" href="https://www.example-kdmx7.com/live/"><span class="live-dot"></span>Watch Live</a>
    <div class="weather-widget" data-zip="50309"><a href="https://www.example-kdmx7.com/weather/"><img src="https://www.example-kdmx7.com/assets/wx/partly-cloudy.svg" alt="Partly cloudy" width="32" height="32"><span class="weather-widget__temp">91°</span><span class="weather-widget__city">Des Moines</span><span class="weather-widget__hilo">H 94° L 72°</span></a><a class="weather-widget__radar" href="https://www.example-kdmx7.com/weather/interactive-radar/">Interactive Radar</a></div>
  </div>
  <nav class="site-nav" aria-label="Main navigation"><ul class="site-nav__menu">
    <li><a href="https://www.example-kdmx7.com/news/">News</a></li>
    <li><a href="https://www.example-kdmx7.com/weather/">First Alert Weather</a></li>
    <li><a href="https://www.example-kdmx7.com/live/">Watch</a></li>
    <li><a href="https://www.example-kdmx7.com/sports/">Sports</a></li>
    <li><a href="https://www.example-kdmx7.com/investigates/">7 Investigates</a></li>
    <li><a href="https://www.example-kdmx7.com/community/">Community</a></li>
    <li><a href="https://www.example-kdmx7.com/contests/">Contests</a></li>
    <li><a href="https://www.example-kdmx7.com/about/">About Us</a></li>
  </ul></nav>
</header>
<div class="live-now-banner"><div class="live-now-banner__inner"><span class="live-now-banner__tag">LIVE NOW</span><span class="live-now-banner__title">KDMX 7 News at 6:00 — Storm cleanup continues</span><a class="live-now-banner__cta" href="https://www.example-kdmx7.com/live/">Watch live</a></div></div>
<main id="primary" class="site-main">
 <article id="post-884213" class="post-884213 post type-post status-publish category-local-news tag-storms tag-power-outages">
  <div class="entry-header">
    <div class="entry-category"><a href="https://www.example-kdmx7.com/news/local/">Local News</a></div>
    <h1 class="entry-title">''' + esc(headline) + '''</h1>
    <div class="entry-meta"><span class="byline">by <a href="https://www.example-kdmx7.com/author/jenna-kowalczyk/">''' + author + '''</a>, KDMX 7 Reporter</span>
      <time class="entry-date published" datetime="''' + pub + '''">Tue, July 15th 2025 at 6:31 AM</time>
      <time class="entry-date updated" datetime="''' + mod + '''">Updated Tue, July 15th 2025 at 6:12 PM</time></div>
    <div class="share-bar"><a class="share-bar__fb" href="https://www.facebook.com/sharer.php?u=''' + url + '''">Share on Facebook</a><a class="share-bar__x" href="https://x.com/intent/tweet?url=''' + url + '''">Share on X</a><a class="share-bar__email" href="mailto:?body=''' + url + '''">Email</a><button class="share-bar__copy">Copy Link</button></div>
  </div>
  <div class="entry-featured-video"><div class="video-player video-player--featured" data-media-id="KdmxLv01" data-player="jw" data-autoplay="false"><div class="video-player__placeholder"><img src="https://media.example-kdmx7.com/2025/07/15/storm-tree-house.jpg" alt="A large oak tree lies across the roof of a house in Urbandale"><span class="video-player__title">Thousands still in the dark after overnight storms</span><span class="video-player__duration">3:02</span><button class="video-player__play" aria-label="Play video">Play</button></div><div class="video-player__caption">A large oak tree fell on a house in Urbandale during Tuesday's storms. (KDMX)</div></div></div>
  <div class="entry-content">
''' + "\n".join(parts) + '''
    <p class="news-tip"><em>Have a news tip or a photo of storm damage? Email us at <a href="mailto:news@example-kdmx7.com">news@example-kdmx7.com</a> or upload it through the KDMX 7 app.</em></p>
  </div>
  <div class="entry-footer">
    <p class="copyright-notice">Copyright 2025 KDMX. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
    <div class="tags-links">Tags: <a href="https://www.example-kdmx7.com/tag/storms/" rel="tag">storms</a>, <a href="https://www.example-kdmx7.com/tag/power-outages/" rel="tag">power outages</a>, <a href="https://www.example-kdmx7.com/tag/weather/" rel="tag">weather</a></div>
    <div class="app-promo"><h3>Download the KDMX 7 News app</h3><p>Get breaking news alerts, live newscasts and First Alert Weather updates wherever you are.</p><a href="https://apps.example-store.com/kdmx7">Get the app</a></div>
  </div>
 </article>
 <aside class="sidebar">
   <section class="widget widget--trending"><h2 class="widget-title">Trending Now</h2><ol>
     <li><a href="https://www.example-kdmx7.com/news/local/iowa-state-fair-tickets-on-sale/">Iowa State Fair advance tickets go on sale Friday</a></li>
     <li><a href="https://www.example-kdmx7.com/news/crime/ankeny-police-chase-arrest/">Police: Ankeny chase ends with two arrests near I-35</a></li>
     <li><a href="https://www.example-kdmx7.com/sports/cyclones-football-preseason-ranking/">Cyclones start preseason ranked in AP Top 25</a></li>
     <li><a href="https://www.example-kdmx7.com/news/local/drake-relays-new-track/">Drake Stadium to get new track surface before relays</a></li>
   </ol></section>
   <section class="widget widget--forecast"><h2 class="widget-title">7-Day Forecast</h2><ul class="forecast">
     <li><span>Wed</span><span>88°/70°</span><span>Scattered storms 40%</span></li>
     <li><span>Thu</span><span>85°/66°</span><span>Partly cloudy</span></li>
     <li><span>Fri</span><span>83°/64°</span><span>Sunny</span></li>
   </ul><a href="https://www.example-kdmx7.com/weather/">Full forecast</a></section>
   <div class="ad-unit ad-unit--sidebar" data-ad-pos="rail1"><div class="ad-unit__label">Advertisement</div><div id="ad-rail1"></div></div>
 </aside>
 <section class="more-stories"><h2>More Local News</h2><div class="more-stories__grid">
   <article class="card"><a href="https://www.example-kdmx7.com/news/local/west-des-moines-water-rates/"><h3 class="card__title">West Des Moines approves water rate increase</h3></a><p class="card__excerpt">The average household will pay about $4 more per month starting in October.</p></article>
   <article class="card"><a href="https://www.example-kdmx7.com/news/local/urbandale-library-reopens/"><h3 class="card__title">Urbandale library reopens after roof repairs</h3></a><p class="card__excerpt">The building had been closed since hail damaged its roof in May.</p></article>
   <article class="card"><a href="https://www.example-kdmx7.com/news/local/dart-bus-route-changes/"><h3 class="card__title">DART announces bus route changes for fall</h3></a><p class="card__excerpt">Three routes will be combined and one will see more frequent service.</p></article>
 </div></section>
</main>
<footer class="site-footer">
  <div class="site-footer__station">KDMX 7 · 1200 Grand Ave, Des Moines, IA 50309</div>
  <nav class="site-footer__nav"><a href="https://www.example-kdmx7.com/contact/">Contact Us</a> <a href="https://www.example-kdmx7.com/careers/">Careers</a> <a href="https://www.example-kdmx7.com/eeo/">EEO Report</a> <a href="https://publicfiles.example-fcc.gov/tv-profile/kdmx">FCC Public File</a> <a href="https://www.example-kdmx7.com/closed-captioning/">Closed Captioning</a> <a href="https://www.example-kdmx7.com/privacy/">Privacy Policy</a></nav>
  <p>&copy; 2025 KDMX Television. All Rights Reserved.</p>
</footer>
<div id="cookie-notice" role="dialog" class="cookie-notice"><p>We use cookies to personalize content and ads and to analyze our traffic. <a href="https://www.example-kdmx7.com/privacy/">Learn more</a></p><button>OK</button></div>
<script src="https://cdn.example-jwplayer.com/libraries/Kdmx8pLy.js"></script>
<script src="https://www.example-kdmx7.com/wp-content/themes/station-theme/dist/main.js?ver=4.12.1"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 7. Hindi news portal (lang="hi", UTF-8)
# ---------------------------------------------------------------------------

def page_hindi():
    name = "hindi_kosi_flood"
    url = "https://www.example-samachar.com/bihar/supaul-saharsa-kosi-flood-80-villages-submerged-2025-07-16"
    headline = "बिहार में कोसी नदी उफान पर, सुपौल और सहरसा के 80 से अधिक गांवों में घुसा बाढ़ का पानी"
    desc = ("नेपाल में भारी बारिश के बाद कोसी बैराज से रिकॉर्ड पानी छोड़ा गया। एनडीआरएफ और "
            "एसडीआरएफ की 12 टीमें राहत कार्य में जुटीं।")
    author = "अमित कुमार झा"
    pub, mod = "2025-07-16T07:25:00+05:30", "2025-07-16T09:40:00+05:30"
    body = [
        B("p", "पटना: नेपाल के तराई इलाकों में लगातार हो रही भारी बारिश के बाद कोसी नदी का जलस्तर "
               "मंगलवार को खतरे के निशान से ऊपर पहुंच गया। सुपौल, सहरसा और मधेपुरा जिलों के 80 से "
               "अधिक गांवों में पानी घुस गया है और हजारों परिवार ऊंचे स्थानों और तटबंधों पर शरण "
               "लेने को मजबूर हैं।"),
        B("p", "जल संसाधन विभाग के अनुसार, वीरपुर स्थित कोसी बैराज से मंगलवार सुबह करीब चार लाख "
               "क्यूसेक पानी छोड़ा गया, जो इस मौसम का सबसे ऊंचा स्तर है। विभाग ने तटबंधों की "
               "निगरानी के लिए इंजीनियरों की अतिरिक्त टीमें तैनात की हैं और संवेदनशील स्थानों पर "
               "रेत की बोरियां पहुंचाई जा रही हैं।"),
        B("p", "सुपौल के जिलाधिकारी राकेश कुमार मिश्रा ने बताया कि प्रभावित इलाकों में राष्ट्रीय "
               "आपदा मोचन बल (एनडीआरएफ) और राज्य आपदा मोचन बल (एसडीआरएफ) की कुल 12 टीमें राहत और "
               "बचाव कार्य में लगी हैं। उन्होंने कहा, “हमारी प्राथमिकता है कि कोई भी परिवार पानी में "
               "फंसा न रहे। नावों की संख्या बढ़ाई गई है और सामुदायिक रसोई शुरू कर दी गई है।”"),
        B("h", "खेतों में खड़ी फसल डूबी"),
        B("p", "बाढ़ का सबसे बड़ा असर खेती पर पड़ा है। किसानों का कहना है कि धान की रोपाई कुछ ही "
               "हफ्ते पहले पूरी हुई थी और अब पूरे खेत पानी में डूबे हैं। सहरसा के नवहट्टा प्रखंड के "
               "किसान रामेश्वर यादव ने कहा कि उन्होंने कर्ज लेकर खाद और बीज खरीदे थे, लेकिन इस बार "
               "पूरी फसल बर्बाद होने का डर है।"),
        B("p", "स्वास्थ्य विभाग ने बाढ़ प्रभावित इलाकों में जलजनित बीमारियों के खतरे को देखते हुए "
               "अलर्ट जारी किया है। राहत शिविरों में चिकित्सा दल तैनात किए गए हैं और ओआरएस के "
               "पैकेट, क्लोरीन की गोलियां तथा जरूरी दवाइयां बांटी जा रही हैं। अधिकारियों ने लोगों "
               "से केवल उबला या साफ किया हुआ पानी पीने की अपील की है।"),
        B("h", "अगले 48 घंटे अहम"),
        B("p", "मौसम विभाग ने अगले 48 घंटों के दौरान उत्तर बिहार और नेपाल के जलग्रहण क्षेत्रों में "
               "भारी से बहुत भारी बारिश की चेतावनी जारी की है। विशेषज्ञों का कहना है कि अगर बारिश का "
               "यही सिलसिला जारी रहा तो गंडक और बागमती नदियों का जलस्तर भी तेजी से बढ़ सकता है, "
               "जिससे दरभंगा और मुजफ्फरपुर जिलों में भी स्थिति बिगड़ सकती है।"),
        B("p", "मुख्यमंत्री ने बुधवार को प्रभावित जिलों का हवाई सर्वेक्षण करने की घोषणा की है। "
               "राज्य सरकार ने प्रत्येक प्रभावित परिवार को तत्काल सहायता के रूप में सात हजार रुपये "
               "देने का फैसला किया है, जो सीधे उनके बैंक खातों में भेजे जाएंगे। विपक्ष ने हालांकि "
               "आरोप लगाया है कि तटबंधों की मरम्मत का काम समय पर पूरा नहीं किया गया।"),
    ]
    parts = []
    for i, b in enumerate(body):
        if b.kind == "h":
            parts.append('<h2 class="story-subhead">' + b.frag + '</h2>')
        else:
            parts.append('<p>' + b.frag + '</p>')
        if i == 1:
            parts.append('<div class="also-read"><strong>ये भी पढ़ें:</strong> <a href="https://www.example-samachar.com/bihar/kosi-barrage-history-explained">कोसी को क्यों कहा जाता है बिहार का शोक? जानिए पूरा इतिहास</a></div>')
            parts.append('<div class="ad-slot" id="div-gpt-ad-1719000000001-0" data-ad="ATF_300x250"><span class="ad-lbl">विज्ञापन</span></div>')
        if i == 2:
            parts.append('<figure class="story-img"><img src="https://img.example-samachar.com/2025/07/16/kosi-flood-supaul.jpg" alt="सुपौल में बाढ़ के पानी से घिरे घर" width="800" height="450" loading="lazy"><figcaption>सुपौल के एक गांव में बाढ़ के पानी से घिरे घर। (फोटो: समाचार डेस्क)</figcaption></figure>')
        if i == 5:
            parts.append('<div class="also-read"><strong>ये भी पढ़ें:</strong> <a href="https://www.example-samachar.com/weather/monsoon-update-bihar-up-heavy-rain-alert">मौसम अपडेट: बिहार-यूपी में अगले तीन दिन भारी बारिश का अलर्ट</a></div>')
            parts.append('<div class="ad-slot" id="div-gpt-ad-1719000000001-1" data-ad="MTF_300x250"><span class="ad-lbl">विज्ञापन</span></div>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": headline,
        "description": desc,
        "inLanguage": "hi",
        "datePublished": pub,
        "dateModified": mod,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": "समाचार एक्सप्रेस",
                      "logo": {"@type": "ImageObject", "url": "https://img.example-samachar.com/logo-amp.png", "width": 600, "height": 60}},
        "image": {"@type": "ImageObject", "url": "https://img.example-samachar.com/2025/07/16/kosi-flood-supaul.jpg", "width": 1200, "height": 675},
        "keywords": "कोसी नदी, बिहार बाढ़, सुपौल, सहरसा, एनडीआरएफ",
    }
    bc = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "होम", "item": "https://www.example-samachar.com/"},
        {"@type": "ListItem", "position": 2, "name": "बिहार", "item": "https://www.example-samachar.com/bihar"},
        {"@type": "ListItem", "position": 3, "name": headline, "item": url}]}
    popular = [
        "IND vs ENG: लॉर्ड्स टेस्ट में भारत की रोमांचक हार, जडेजा की जुझारू पारी बेकार",
        "पटना में मेट्रो का ट्रायल रन सफल, अगस्त से शुरू हो सकती है सेवा",
        "सोने के दाम में लगातार तीसरे दिन गिरावट, जानें आज का भाव",
        "यूपी बोर्ड कंपार्टमेंट परीक्षा का रिजल्ट जारी, ऐसे करें चेक",
        "दिल्ली-एनसीआर में उमस भरी गर्मी, जानें कब होगी झमाझम बारिश",
    ]
    pop = "\n".join('<li><a href="https://www.example-samachar.com/trending/' + str(900 + n) + '">' + esc(h) + '</a></li>' for n, h in enumerate(popular))
    html_doc = '''<!DOCTYPE html>
<html lang="hi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' - Bihar Flood News | समाचार एक्सप्रेस</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="keywords" content="कोसी नदी, बिहार बाढ़, सुपौल, सहरसा, Bihar flood, Kosi river">
<meta name="author" content="''' + author + '''">
<link rel="canonical" href="''' + url + '''">
<link rel="amphtml" href="https://www.example-samachar.com/amp/bihar/supaul-saharsa-kosi-flood-80-villages-submerged-2025-07-16">
<link rel="alternate" hreflang="en" href="https://english.example-samachar.com/india/kosi-flood-bihar-villages-submerged">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://img.example-samachar.com/2025/07/16/kosi-flood-supaul.jpg">
<meta property="og:type" content="article">
<meta property="og:locale" content="hi_IN">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta name="twitter:card" content="summary_large_image">
<link rel="preload" href="https://fonts.example-samachar.com/NotoSansDevanagari-Regular.woff2" as="font" type="font/woff2" crossorigin>
<style>body{font-family:"Noto Sans Devanagari",sans-serif}.story-content p{font-size:18px;line-height:1.8}.ad-slot{min-height:250px;text-align:center}.ad-lbl{font-size:10px;color:#999}</style>
''' + jsonld(ld) + '''
''' + jsonld(bc) + '''
<script async src="https://securepubads.example-adserver.com/tag/js/gpt.js"></script>
<script>var _comscore=_comscore||[];_comscore.push({c1:"2",c2:"1234567"});</script>
</head>
<body class="article-page">
<div class="top-strip"><a href="https://english.example-samachar.com/">English</a> | <a href="https://www.example-samachar.com/epaper">ई-पेपर</a> | <a href="https://www.example-samachar.com/live-tv">लाइव टीवी</a> | <a href="https://www.example-samachar.com/app">ऐप डाउनलोड करें</a></div>
<header class="header">
  <a href="https://www.example-samachar.com/" class="logo"><img src="https://img.example-samachar.com/logo.png" alt="समाचार एक्सप्रेस" width="220" height="50"></a>
  <nav class="main-nav"><ul>
    <li><a href="https://www.example-samachar.com/">होम</a></li>
    <li><a href="https://www.example-samachar.com/india">देश</a></li>
    <li><a href="https://www.example-samachar.com/world">विदेश</a></li>
    <li class="active"><a href="https://www.example-samachar.com/bihar">बिहार</a></li>
    <li><a href="https://www.example-samachar.com/uttar-pradesh">उत्तर प्रदेश</a></li>
    <li><a href="https://www.example-samachar.com/business">बिजनेस</a></li>
    <li><a href="https://www.example-samachar.com/cricket">क्रिकेट</a></li>
    <li><a href="https://www.example-samachar.com/entertainment">मनोरंजन</a></li>
    <li><a href="https://www.example-samachar.com/videos">वीडियो</a></li>
    <li><a href="https://www.example-samachar.com/web-stories">वेब स्टोरी</a></li>
  </ul></nav>
</header>
<div class="breaking-ticker"><span class="breaking-label">ब्रेकिंग</span><ul><li>गंडक बराज से छोड़ा गया 2.5 लाख क्यूसेक पानी, पश्चिम चंपारण में अलर्ट</li><li>दरभंगा-समस्तीपुर रेलखंड पर ट्रेनों की रफ्तार पर रोक</li></ul></div>
<div class="ad-slot ad-top" id="div-gpt-ad-1719000000001-9"><span class="ad-lbl">विज्ञापन</span></div>
<div class="container">
 <div class="breadcrumb"><a href="https://www.example-samachar.com/">होम</a> / <a href="https://www.example-samachar.com/bihar">बिहार</a> / <span>सुपौल</span></div>
 <div class="row">
  <div class="col-main">
   <div class="article-wrap" data-story-id="6251884">
    <h1 class="article-title">''' + esc(headline) + '''</h1>
    <h2 class="article-summary">''' + esc(desc) + '''</h2>
    <div class="article-meta">
      <div class="author-info"><img src="https://img.example-samachar.com/authors/amit-jha.jpg" alt="" width="40" height="40"><span class="author-name">रिपोर्ट: <a href="https://www.example-samachar.com/author/amit-kumar-jha">''' + author + '''</a></span><span class="author-place">सुपौल/पटना</span></div>
      <div class="publish-time">अपडेटेड: <time datetime="''' + mod + '''">16 जुलाई 2025, 09:40 AM (IST)</time></div>
      <div class="follow-us"><a href="https://news.example-google.com/publications/samachar">Google News पर फॉलो करें</a></div>
      <div class="share-icons"><a href="https://api.whatsapp.com/send?text=''' + url + '''" class="wa">WhatsApp</a><a href="https://www.facebook.com/sharer.php?u=''' + url + '''" class="fb">Facebook</a><a href="https://x.com/intent/tweet?url=''' + url + '''" class="tw">X</a><a href="#comments" class="cmt">कमेंट</a></div>
    </div>
    <figure class="lead-image"><img src="https://img.example-samachar.com/2025/07/16/kosi-barrage.jpg" alt="कोसी बैराज" width="1200" height="675"><figcaption>वीरपुर में कोसी बैराज से छोड़ा जा रहा पानी। (फाइल फोटो)</figcaption></figure>
    <div class="story-content" id="storyContent">
''' + "\n".join(parts) + '''
    </div>
    <div class="story-tags"><span>टॉपिक्स:</span> <a href="https://www.example-samachar.com/topic/bihar-flood">बिहार बाढ़</a> <a href="https://www.example-samachar.com/topic/kosi-river">कोसी नदी</a> <a href="https://www.example-samachar.com/topic/ndrf">एनडीआरएफ</a> <a href="https://www.example-samachar.com/topic/monsoon">मानसून</a></div>
    <div class="disclaimer-box">ताजा खबरों के लिए हमें फेसबुक, एक्स और यूट्यूब पर फॉलो करें। देश-दुनिया की हर बड़ी खबर सबसे पहले पढ़ें समाचार एक्सप्रेस पर।</div>
    <div id="comments" class="comments-box"><h3>कमेंट्स (6)</h3><div class="comment"><b>सुनील कुमार</b><p>हर साल यही हाल होता है, सरकार पहले से तैयारी क्यों नहीं करती?</p></div><div class="comment"><b>प्रिया सिंह</b><p>सहरसा में हमारे गांव में भी पानी आ गया है, कोई मदद नहीं पहुंची।</p></div><a href="#comments" class="more">सभी कमेंट्स देखें</a></div>
   </div>
   <div class="related-news"><h3 class="section-title">संबंधित खबरें</h3><ul>
     <li><a href="https://www.example-samachar.com/bihar/darbhanga-bagmati-embankment-breach">दरभंगा में बागमती का तटबंध टूटा, कई गांवों में घुसा पानी</a><p>प्रशासन ने निचले इलाकों को खाली कराने के आदेश दिए हैं।</p></li>
     <li><a href="https://www.example-samachar.com/bihar/flood-relief-camps-list">बिहार बाढ़: यहां देखें राहत शिविरों की पूरी सूची</a><p>जिलेवार राहत शिविरों और हेल्पलाइन नंबरों की जानकारी।</p></li>
   </ul></div>
  </div>
  <aside class="col-side">
    <div class="widget most-read"><h3 class="section-title">सबसे ज्यादा पढ़ी गईं</h3><ol>
''' + pop + '''
    </ol></div>
    <div class="ad-slot" id="div-gpt-ad-1719000000001-5"><span class="ad-lbl">विज्ञापन</span></div>
    <div class="widget newsletter"><h3>न्यूज़लेटर</h3><p>रोज़ सुबह की बड़ी खबरें सीधे अपने इनबॉक्स में पाएं।</p><form><input type="email" placeholder="ईमेल पता"><button>सब्सक्राइब करें</button></form></div>
  </aside>
 </div>
</div>
<footer class="footer"><div class="footer-links"><a href="https://www.example-samachar.com/about-us">हमारे बारे में</a> | <a href="https://www.example-samachar.com/contact-us">संपर्क करें</a> | <a href="https://www.example-samachar.com/privacy-policy">प्राइवेसी पॉलिसी</a> | <a href="https://www.example-samachar.com/terms">नियम और शर्तें</a></div><p>कॉपीराइट © 2025 समाचार एक्सप्रेस डिजिटल। सर्वाधिकार सुरक्षित।</p></footer>
<div class="cookie-bar" id="cookieBar">हम आपके अनुभव को बेहतर बनाने के लिए कुकीज़ का उपयोग करते हैं। <button onclick="document.getElementById('cookieBar').style.display='none'">ठीक है</button></div>
<script src="https://www.example-samachar.com/static/js/article.min.js?v=20250701"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 8. Spanish-language (Chile) WordPress newspaper page, Yoast @graph JSON-LD
# ---------------------------------------------------------------------------

def page_spanish():
    name = "spanish_litio_atacama"
    url = "https://www.example-diario.cl/nacional/2025/04/28/comunidades-atacamenas-recurren-a-tribunales-contra-ampliacion-de-extraccion-de-litio/"
    headline = "Comunidades atacameñas recurren a tribunales contra ampliación de extracción de litio"
    desc = ("Dirigentes lickanantay acusan que no hubo consulta indígena previa. El Gobierno defiende "
            "el proyecto como parte de la estrategia nacional del litio.")
    author = "Constanza Ibarra Muñoz"
    pub, mod = "2025-04-28T21:14:00-04:00", "2025-04-29T08:02:00-04:00"
    body = [
        B("p", "SAN PEDRO DE ATACAMA.– Una veintena de comunidades indígenas del Salar de Atacama "
               "anunciaron este lunes que presentarán un recurso ante los tribunales ambientales para "
               "frenar la ampliación de la extracción de salmuera aprobada el mes pasado, argumentando "
               "que el Estado no cumplió con el proceso de consulta previa exigido por el Convenio 169 "
               "de la OIT."),
        B("p", "La decisión fue adoptada en una asamblea que se extendió por más de seis horas en la "
               "localidad de Toconao, donde dirigentes de los pueblos lickanantay revisaron los "
               "antecedentes técnicos del proyecto. Según explicaron, el nuevo permiso permitiría "
               "aumentar en cerca de un 30% el bombeo anual de salmuera en el sector sur del salar."),
        B("p", "“No estamos en contra del desarrollo, pero no se puede decidir sobre nuestra agua sin "
               "nosotros”, afirmó Marisol Cruz Anza, presidenta del consejo de pueblos atacameños. La "
               "dirigenta sostuvo que los monitoreos comunitarios han detectado una baja sostenida en "
               "el nivel de las lagunas donde se alimentan los flamencos andinos."),
        B("h", "La apuesta de la estrategia nacional"),
        B("p", "El Gobierno ha defendido la ampliación como parte de su estrategia para aumentar "
               "significativamente la producción de litio antes de 2030 y mantener la posición de "
               "Chile como uno de los principales productores mundiales del mineral, clave para las "
               "baterías de vehículos eléctricos. Desde el Ministerio de Minería señalaron que el "
               "proyecto incorpora compromisos de reinyección y un sistema de monitoreo en línea."),
        B("p", "Sin embargo, investigadores de universidades del norte del país advierten que el "
               "conocimiento sobre la hidrogeología del salar sigue siendo incompleto. “Sabemos que la "
               "salmuera y el agua dulce de los bordes están conectadas, pero no sabemos con precisión "
               "a qué velocidad responde el sistema”, explicó el hidrogeólogo Andrés Valenzuela Rojas."),
        B("p", "La empresa a cargo de la operación, por su parte, aseguró en un comunicado que cumplió "
               "con todas las etapas de la evaluación ambiental y que mantiene acuerdos de beneficio "
               "compartido con varias comunidades, que incluyen aportes anuales equivalentes a un "
               "porcentaje de sus ventas. La compañía dijo estar abierta al diálogo."),
        B("p", "El conflicto se produce en un momento de precios volátiles del litio en los mercados "
               "internacionales, lo que ha llevado a varias mineras a postergar inversiones en "
               "Argentina y Australia. Analistas del sector estiman que cualquier retraso judicial en "
               "Chile podría tener efectos sobre contratos de suministro ya comprometidos con "
               "fabricantes asiáticos."),
        B("p", "Las comunidades tienen un plazo de treinta días hábiles para presentar la reclamación. "
               "Sus abogados adelantaron que también evalúan solicitar una medida cautelar que "
               "suspenda las obras de habilitación de nuevos pozos mientras el tribunal resuelve el "
               "fondo del asunto."),
    ]
    parts = []
    for i, b in enumerate(body):
        if b.kind == "h":
            parts.append('<h2 class="wp-block-heading">' + b.frag + '</h2>')
        else:
            parts.append('<p>' + b.frag + '</p>')
        if i == 1:
            parts.append('<div class="td-a-rec td-a-rec-id-content_inline"><div class="ad-label">PUBLICIDAD</div><div id="div-gpt-ad-content-inline"></div></div>')
        if i == 2:
            parts.append('<blockquote class="wp-block-quote lee-tambien"><p><strong>LEE TAMBIÉN: </strong><a href="https://www.example-diario.cl/economia/2025/03/12/precio-del-litio-cae-a-su-nivel-mas-bajo-en-cuatro-anos/">Precio del litio cae a su nivel más bajo en cuatro años</a></p></blockquote>')
        if i == 4:
            parts.append('<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" height="576" src="https://www.example-diario.cl/wp-content/uploads/2025/04/salar-atacama-pozas-1024x576.jpg" alt="Pozas de evaporación en el Salar de Atacama" class="wp-image-771203"><figcaption class="wp-element-caption">Pozas de evaporación en el Salar de Atacama. Foto: Agencia Uno / Archivo</figcaption></figure>')
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "@id": url + "#article", "isPartOf": {"@id": url},
         "author": {"name": author, "@id": "https://www.example-diario.cl/#/schema/person/7f3a1c"},
         "headline": headline, "datePublished": pub, "dateModified": mod,
         "mainEntityOfPage": {"@id": url}, "wordCount": 512, "commentCount": 4,
         "publisher": {"@id": "https://www.example-diario.cl/#organization"},
         "image": {"@id": url + "#primaryimage"}, "thumbnailUrl": "https://www.example-diario.cl/wp-content/uploads/2025/04/toconao-asamblea.jpg",
         "keywords": ["litio", "Salar de Atacama", "pueblos indígenas", "medio ambiente"],
         "articleSection": ["Nacional", "Medio Ambiente"], "inLanguage": "es-CL"},
        {"@type": "WebPage", "@id": url, "url": url, "name": headline + " - Diario Example", "datePublished": pub,
         "dateModified": mod, "description": desc, "breadcrumb": {"@id": url + "#breadcrumb"}, "inLanguage": "es-CL"},
        {"@type": "ImageObject", "@id": url + "#primaryimage", "url": "https://www.example-diario.cl/wp-content/uploads/2025/04/toconao-asamblea.jpg", "width": 1600, "height": 900},
        {"@type": "BreadcrumbList", "@id": url + "#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Inicio", "item": "https://www.example-diario.cl/"},
            {"@type": "ListItem", "position": 2, "name": "Nacional", "item": "https://www.example-diario.cl/nacional/"},
            {"@type": "ListItem", "position": 3, "name": headline}]},
        {"@type": "Organization", "@id": "https://www.example-diario.cl/#organization", "name": "Diario Example", "url": "https://www.example-diario.cl/",
         "logo": {"@type": "ImageObject", "url": "https://www.example-diario.cl/wp-content/uploads/logo.png"}},
        {"@type": "Person", "@id": "https://www.example-diario.cl/#/schema/person/7f3a1c", "name": author,
         "url": "https://www.example-diario.cl/author/cibarra/"},
    ]}
    masleido = [
        "Sistema frontal: anuncian lluvias para Santiago desde el jueves",
        "Colo-Colo confirma a su nuevo director técnico hasta 2026",
        "Bencinas bajan por tercera semana consecutiva: revisa los nuevos precios",
        "Senado despacha proyecto de ley corta de isapres",
        "Temblor de magnitud 5,8 se percibe en el norte del país",
    ]
    ml = "\n".join('<div class="td_module_flex td_module_flex_1"><span class="td-numero">' + str(n + 1) +
                   '</span><h3 class="entry-title td-module-title"><a href="https://www.example-diario.cl/tendencias/' + str(n + 1) + '/" rel="bookmark">' + esc(h) + '</a></h3></div>'
                   for n, h in enumerate(masleido))
    html_doc = '''<!DOCTYPE html>
<html lang="es-CL">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>''' + esc(headline) + ''' - Diario Example</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<link rel="canonical" href="''' + url + '''">
<meta property="og:locale" content="es_ES">
<meta property="og:type" content="article">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:site_name" content="Diario Example">
<meta property="article:publisher" content="https://www.facebook.com/diarioexample">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta property="og:image" content="https://www.example-diario.cl/wp-content/uploads/2025/04/toconao-asamblea.jpg">
<meta name="author" content="''' + author + '''">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:label1" content="Escrito por">
<meta name="twitter:data1" content="''' + author + '''">
<meta name="twitter:label2" content="Tiempo de lectura">
<meta name="twitter:data2" content="3 minutos">
<script type="application/ld+json" class="yoast-schema-graph">''' + js(graph) + '''</script>
<link rel="stylesheet" id="td-theme-css" href="https://www.example-diario.cl/wp-content/themes/Newspaper/style.css?ver=12.6.5" type="text/css" media="all">
<link rel="stylesheet" id="wp-block-library-css" href="https://www.example-diario.cl/wp-includes/css/dist/block-library/style.min.css?ver=6.7.1" type="text/css" media="all">
<script type="text/javascript" src="https://www.example-diario.cl/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="post-template-default single single-post postid-771190 single-format-standard td-standard-pack global-block-template-1 td-full-layout">
<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner cmplz-show" role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin"><div class="cmplz-header"><div class="cmplz-title" id="cmplz-header-1-optin">Gestionar consentimiento</div></div><div class="cmplz-body"><div class="cmplz-message"><p>Usamos cookies propias y de terceros para optimizar nuestro sitio web y nuestro servicio. Puedes aceptarlas o configurarlas.</p></div></div><div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">Aceptar</button><button class="cmplz-btn cmplz-deny">Denegar</button><button class="cmplz-btn cmplz-view-preferences">Ver preferencias</button></div></div></div>
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
 <div class="td-header-template-wrap">
  <div class="td-header-top-menu"><span class="td_data_time">martes, 29 abril, 2025</span><ul class="top-header-menu"><li><a href="https://www.example-diario.cl/contacto/">Contacto</a></li><li><a href="https://www.example-diario.cl/suscripcion/">Suscríbete</a></li><li><a href="https://www.example-diario.cl/edicion-impresa/">Edición impresa</a></li></ul></div>
  <div class="td-header-logo"><a class="td-main-logo" href="https://www.example-diario.cl/"><img src="https://www.example-diario.cl/wp-content/uploads/logo.png" alt="Diario Example" width="272" height="90"><span class="td-visual-hidden">Diario Example</span></a></div>
  <div id="td-header-menu" role="navigation"><ul id="menu-principal" class="sf-menu">
    <li class="menu-item"><a href="https://www.example-diario.cl/">Inicio</a></li>
    <li class="menu-item current-post-ancestor"><a href="https://www.example-diario.cl/nacional/">Nacional</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/regiones/">Regiones</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/economia/">Economía</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/mundo/">Mundo</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/deportes/">Deportes</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/opinion/">Opinión</a></li>
    <li class="menu-item"><a href="https://www.example-diario.cl/cultura/">Cultura</a></li>
  </ul></div>
 </div>
 <div class="td-a-rec td-a-rec-id-header"><div class="ad-label">PUBLICIDAD</div><div id="div-gpt-ad-header"></div></div>
 <div class="td-main-content-wrap td-container-wrap">
  <div class="td-container td-post-template-default">
   <div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" href="https://www.example-diario.cl/">Inicio</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a title="Ver todos los artículos en Nacional" class="entry-crumb" href="https://www.example-diario.cl/nacional/">Nacional</a></span></div></div>
   <div class="td-pb-row">
    <div class="td-pb-span8 td-main-content" role="main">
     <div class="td-ss-main-content">
      <article id="post-771190" class="post-771190 post type-post status-publish format-standard has-post-thumbnail category-nacional category-medio-ambiente tag-litio">
       <div class="td-post-header">
        <ul class="td-category"><li class="entry-category"><a href="https://www.example-diario.cl/nacional/">Nacional</a></li><li class="entry-category"><a href="https://www.example-diario.cl/medio-ambiente/">Medio Ambiente</a></li></ul>
        <header class="td-post-title">
         <h1 class="entry-title">''' + esc(headline) + '''</h1>
         <p class="td-post-sub-title">''' + esc(desc) + '''</p>
         <div class="td-module-meta-info">
          <div class="td-post-author-name"><div class="td-author-by">Por</div> <a href="https://www.example-diario.cl/author/cibarra/">''' + author + '''</a><div class="td-author-line"> - </div></div>
          <span class="td-post-date"><time class="entry-date updated td-module-date" datetime="''' + pub + '''">28 abril, 2025</time></span>
          <div class="td-post-comments"><a href="#comments"><i class="td-icon-comments"></i>4</a></div>
         </div>
        </header>
       </div>
       <div class="td-post-sharing-top"><div class="td-social-sharing-buttons"><a class="td-social-sharing-button td-social-whatsapp" href="https://api.whatsapp.com/send?text=''' + url + '''"><span class="td-social-but-text">WhatsApp</span></a><a class="td-social-sharing-button td-social-facebook" href="https://www.facebook.com/sharer.php?u=''' + url + '''"><span class="td-social-but-text">Facebook</span></a><a class="td-social-sharing-button td-social-twitter" href="https://x.com/intent/tweet?url=''' + url + '''"><span class="td-social-but-text">Twitter</span></a><a class="td-social-sharing-button td-social-telegram" href="https://t.me/share/url?url=''' + url + '''"><span class="td-social-but-text">Telegram</span></a></div></div>
       <div class="td-post-content tagdiv-type">
        <div class="td-post-featured-image"><figure><a href="https://www.example-diario.cl/wp-content/uploads/2025/04/toconao-asamblea.jpg" data-caption="Asamblea de comunidades en Toconao. Foto: Diario Example"><img width="696" height="392" class="entry-thumb" src="https://www.example-diario.cl/wp-content/uploads/2025/04/toconao-asamblea-696x392.jpg" alt="Asamblea de comunidades en Toconao" title="toconao-asamblea"></a><figcaption class="wp-caption-text">Asamblea de comunidades en Toconao. Foto: Diario Example</figcaption></figure></div>
''' + "\n".join(parts) + '''
       </div>
       <footer>
        <div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>ETIQUETAS</span></li><li><a href="https://www.example-diario.cl/tag/litio/">litio</a></li><li><a href="https://www.example-diario.cl/tag/salar-de-atacama/">Salar de Atacama</a></li><li><a href="https://www.example-diario.cl/tag/pueblos-indigenas/">pueblos indígenas</a></li></ul></div>
        <div class="td-post-sharing-bottom"><div class="td-post-sharing-classic"><span>Compartir:</span> <a href="https://api.whatsapp.com/send?text=''' + url + '''">WhatsApp</a> <a href="https://www.facebook.com/sharer.php?u=''' + url + '''">Facebook</a> <a href="https://x.com/intent/tweet?url=''' + url + '''">Twitter</a></div></div>
        <div class="td-author-name vcard author"><div class="author-box-wrap"><img alt="" src="https://www.example-diario.cl/wp-content/uploads/authors/cibarra-96x96.jpg" class="avatar" height="96" width="96"><div class="desc"><div class="td-author-name vcard author"><a href="https://www.example-diario.cl/author/cibarra/">''' + author + '''</a></div><div class="td-author-description">Periodista de la Universidad de Chile. Cubre medio ambiente, minería y regiones del norte.</div></div></div></div>
       </footer>
      </article>
      <div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><span class="td-related-left">Te puede interesar</span></h4>
        <div class="td_module_related_posts"><h3 class="entry-title td-module-title"><a href="https://www.example-diario.cl/regiones/2025/04/20/flamencos-andinos-censo/">Censo de flamencos andinos muestra caída en lagunas altiplánicas</a></h3><div class="td-excerpt">El conteo anual registró la cifra más baja de la última década en dos de los cinco sitios monitoreados.</div></div>
        <div class="td_module_related_posts"><h3 class="entry-title td-module-title"><a href="https://www.example-diario.cl/economia/2025/04/02/codelco-litio-acuerdo/">Gobierno firma nuevo acuerdo para explotación conjunta del litio</a></h3><div class="td-excerpt">El acuerdo regirá hasta 2060 y contempla mayor participación estatal en las utilidades.</div></div>
      </div>
      <div class="comments" id="comments"><h4 class="block-title"><span>4 COMENTARIOS</span></h4>
        <ol class="comment-list"><li class="comment"><article><footer><cite>Pedro S.</cite> <time>29 abril, 2025 a las 9:12 am</time></footer><div class="comment-content"><p>El agua vale más que cualquier mineral. Bien por las comunidades.</p></div><div class="comment-meta"><a class="comment-reply-link" href="#respond">Responder</a></div></article></li>
        <li class="comment"><article><footer><cite>Javiera M.</cite> <time>29 abril, 2025 a las 10:40 am</time></footer><div class="comment-content"><p>Sin litio no hay transición energética. Hay que encontrar un equilibrio.</p></div><div class="comment-meta"><a class="comment-reply-link" href="#respond">Responder</a></div></article></li></ol>
        <div id="respond" class="comment-respond"><h3 class="comment-reply-title">DEJA UNA RESPUESTA</h3><form id="commentform"><textarea placeholder="Comentario:" name="comment"></textarea><input type="text" placeholder="Nombre:*" name="author"><input type="submit" value="Publicar comentario"></form></div>
      </div>
     </div>
    </div>
    <div class="td-pb-span4 td-main-sidebar" role="complementary">
     <div class="td_block_wrap td_flex_block_mas_leido"><h4 class="block-title"><span>Lo más leído</span></h4>
''' + ml + '''
     </div>
     <div class="td-a-rec td-a-rec-id-sidebar"><div class="ad-label">PUBLICIDAD</div><div id="div-gpt-ad-sidebar"></div></div>
     <div class="td_block_wrap newsletter-box"><h4 class="block-title"><span>Newsletter</span></h4><p>Recibe cada mañana las noticias más importantes del día.</p><form><input type="email" placeholder="Tu correo electrónico"><button>Suscribirme</button></form></div>
    </div>
   </div>
  </div>
 </div>
 <div class="td-footer-page td-footer-container td-container-wrap"><div class="td-footer-bottom"><p>Diario Example — Fundado en 1998. Av. Libertador Bernardo O'Higgins 1234, Santiago.</p><ul><li><a href="https://www.example-diario.cl/quienes-somos/">Quiénes somos</a></li><li><a href="https://www.example-diario.cl/politica-de-privacidad/">Política de privacidad</a></li><li><a href="https://www.example-diario.cl/terminos/">Términos y condiciones</a></li></ul><div class="td-sub-footer-copy">&copy; 2025 Diario Example. Todos los derechos reservados.</div></div></div>
</div>
<script type="text/javascript" src="https://www.example-diario.cl/wp-content/themes/Newspaper/js/tagdiv_theme.min.js?ver=12.6.5" id="td-site-min-js"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 9. Opinion column (Drupal-style), author bio box + views disclaimer
# ---------------------------------------------------------------------------

def page_opinion():
    name = "opinion_loss_damage"
    url = "https://www.example-ledger.com/opinion/columns/2025/11/18/loss-and-damage-fund-must-reach-the-villages"
    headline = "The loss and damage fund will fail if it never reaches the villages"
    standfirst = ("Climate money for the most vulnerable is finally starting to flow. The hard part is "
                  "getting it past the capital cities.")
    author = "Farhana Kabir"
    pub = "2025-11-18T00:05:00+00:00"
    body = [
        B("p", "Three years ago, when negotiators in Sharm el-Sheikh agreed to create a fund for "
               "climate-related loss and damage, many of us who work with coastal communities in "
               "Bangladesh allowed ourselves a moment of optimism. For the first time, the world had "
               "formally accepted that some of the harm caused by a warming planet cannot be adapted "
               "to, and must be paid for."),
        B("p", "That optimism has since been tempered by arithmetic. The pledges made so far amount to "
               "well under a billion dollars, a tiny fraction of the hundreds of billions that "
               "researchers estimate developing countries will need each year by the end of this "
               "decade. Still, the fund now has a board, a host, a secretariat and rules for its first "
               "disbursements. Money, in small amounts, is beginning to move."),
        B("p", "The question that should worry everyone is not only how much, but where it lands. In my "
               "own fieldwork on the islands of the Meghna estuary, I have met families who have "
               "rebuilt their homes four times in ten years. Not one of them has ever received a taka "
               "from an international climate fund. Most had never heard of one."),
        B("p", "This is not because governments are uniquely corrupt or incompetent. It is because the "
               "architecture of climate finance is designed for ministries, not for households. "
               "Proposals must be written in the language of logframes and results matrices; "
               "accredited entities must pass fiduciary standards that few local organisations can "
               "meet; and every layer between the donor and the village takes a cut in time, if not "
               "in money."),
        B("p", "There are better models, and some of them come from the region itself. Bangladesh’s "
               "experiments with anticipatory cash transfers, in which households receive small "
               "payments days before a forecast flood, have shown that money delivered early and "
               "directly can reduce distress sales of livestock and high-interest borrowing. Similar "
               "pilots in Nepal and Pakistan have produced encouraging results."),
        B("p", "The loss and damage fund should build on these lessons by setting aside a meaningful "
               "share of its resources, I would argue at least half, for direct access programmes that "
               "deliver cash or community grants with minimal paperwork. It should publish, in plain "
               "language, how much reached people on the ground in each country, not just how much was "
               "approved at board meetings."),
        B("p", "Rich countries will object that direct transfers are hard to monitor. That is a fair "
               "concern, but mobile money and community audits have made it far easier than it was a "
               "decade ago. The alternative, a fund that disburses slowly through a chain of "
               "intermediaries, carries its own risk: that by the time help arrives, the people it was "
               "meant for have already left for the city slums."),
        B("p", "Loss and damage was hard-won. It took three decades of advocacy by small island states "
               "and the least developed countries to get it onto the agenda. It would be a bitter irony "
               "if the fund became another well-meaning institution that the world’s most exposed "
               "people only ever read about."),
    ]
    parts = []
    for i, b in enumerate(body):
        parts.append("<p>" + b.frag + "</p>")
        if i == 2:
            parts.append('<div class="inline-ad" data-ad-position="in_article_1"><p class="inline-ad__label">Advertisement</p><div class="inline-ad__slot" id="ad-in-article-1"></div></div>')
        if i == 4:
            parts.append('<div class="embedded-entity embedded-related"><p class="embedded-related__label">Related</p><a href="https://www.example-ledger.com/world/asia/2025/10/30/bangladesh-anticipatory-cash-floods">How Bangladesh pays families before the floods arrive</a></div>')
    ld = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": headline,
        "alternativeHeadline": standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": pub,
        "dateModified": pub,
        "author": {"@type": "Person", "name": author, "url": "https://www.example-ledger.com/contributors/farhana-kabir",
                   "jobTitle": "Climate policy researcher"},
        "publisher": {"@type": "NewsMediaOrganization", "name": "The Example Ledger",
                      "logo": {"@type": "ImageObject", "url": "https://www.example-ledger.com/themes/ledger/logo.png"}},
        "image": "https://www.example-ledger.com/sites/default/files/styles/og/public/2025-11/meghna-erosion.jpg",
        "articleSection": "Opinion",
    }
    html_doc = '''<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>''' + esc(headline) + ''' | Opinion | The Example Ledger</title>
<meta name="description" content="''' + esc(standfirst) + '''">
<meta name="author" content="''' + author + '''">
<link rel="canonical" href="''' + url + '''">
<link rel="shortlink" href="https://www.example-ledger.com/node/402215">
<meta property="og:site_name" content="The Example Ledger">
<meta property="og:type" content="article">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(standfirst) + '''">
<meta property="og:image" content="https://www.example-ledger.com/sites/default/files/styles/og/public/2025-11/meghna-erosion.jpg">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:section" content="Opinion">
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<link rel="stylesheet" media="all" href="https://www.example-ledger.com/sites/default/files/css/css_Qk3vZ1.css?delta=0">
''' + jsonld(ld) + '''
<script type="application/json" data-drupal-selector="drupal-settings-json">''' + js({"path": {"baseUrl": "/", "currentPath": "node/402215", "currentLanguage": "en"}, "ledger_paywall": {"meter": 5, "type": "opinion"}, "user": {"uid": 0}}) + '''</script>
</head>
<body class="path-node page-node-type-opinion">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
 <div class="region region-pre-header"><div class="subscribe-strip">Independent journalism, every day. <a href="https://www.example-ledger.com/subscribe">Subscribe from $1 a week</a></div></div>
 <header role="banner" class="site-header">
  <div class="region region-header">
   <div id="block-ledger-branding" class="block block-system block-system-branding-block"><a href="https://www.example-ledger.com/" rel="home" class="site-logo"><img src="https://www.example-ledger.com/themes/ledger/logo.svg" alt="The Example Ledger"></a></div>
   <nav role="navigation" aria-labelledby="block-ledger-main-menu-menu" id="block-ledger-main-menu" class="block block-menu navigation menu--main">
    <h2 class="visually-hidden" id="block-ledger-main-menu-menu">Main navigation</h2>
    <ul class="menu"><li class="menu-item"><a href="https://www.example-ledger.com/world">World</a></li><li class="menu-item"><a href="https://www.example-ledger.com/climate">Climate</a></li><li class="menu-item"><a href="https://www.example-ledger.com/economy">Economy</a></li><li class="menu-item menu-item--active-trail"><a href="https://www.example-ledger.com/opinion">Opinion</a></li><li class="menu-item"><a href="https://www.example-ledger.com/culture">Culture</a></li><li class="menu-item"><a href="https://www.example-ledger.com/podcasts">Podcasts</a></li></ul>
   </nav>
  </div>
 </header>
 <div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><ol><li><a href="https://www.example-ledger.com/">Home</a></li><li><a href="https://www.example-ledger.com/opinion">Opinion</a></li><li><a href="https://www.example-ledger.com/opinion/columns">Columns</a></li></ol></nav></div>
 <main role="main">
  <a id="main-content" tabindex="-1"></a>
  <div class="layout-content">
   <div class="region region-content">
    <article data-history-node-id="402215" role="article" class="node node--type-opinion node--view-mode-full">
     <div class="opinion-header">
      <div class="field field--name-field-opinion-type field--type-entity-reference field--label-hidden field__item"><span class="opinion-label">Opinion</span> <a href="https://www.example-ledger.com/opinion/columns/climate-frontlines">Climate Frontlines</a></div>
      <h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">''' + esc(headline) + '''</span></h1>
      <div class="field field--name-field-standfirst field--type-string-long field--label-hidden field__item">''' + esc(standfirst) + '''</div>
      <div class="node__meta">
       <div class="author-portrait"><img src="https://www.example-ledger.com/sites/default/files/styles/portrait/public/contributors/farhana-kabir.png" alt="Farhana Kabir" width="80" height="80"></div>
       <span class="field field--name-uid field--type-entity-reference field--label-hidden"><a href="https://www.example-ledger.com/contributors/farhana-kabir" class="author-link">''' + author + '''</a></span>
       <span class="field field--name-created field--type-created field--label-hidden"><time datetime="''' + pub + '''">Tue 18 Nov 2025 00.05 GMT</time></span>
      </div>
      <div class="node-tools"><button class="listen-button" aria-label="Listen to this article">Listen to this article · 6 min</button><button class="gift-button">Gift this article</button><div class="share-links"><a href="https://www.facebook.com/sharer/sharer.php?u=''' + url + '''">Facebook</a><a href="https://x.com/intent/post?url=''' + url + '''">X</a><a href="https://www.linkedin.com/shareArticle?url=''' + url + '''">LinkedIn</a><a href="mailto:?subject=''' + esc(headline) + '''">Email</a></div></div>
     </div>
     <div class="field field--name-field-main-image field--type-entity-reference field--label-hidden field__item"><figure class="media media--type-image"><img src="https://www.example-ledger.com/sites/default/files/styles/article_full/public/2025-11/meghna-erosion.jpg" alt="A woman walks past a house collapsing into a river" width="1200" height="720" loading="lazy"><figcaption>A home collapses into the Meghna river on Bhola island, Bangladesh. Photograph: Example Ledger / Photo agency</figcaption></figure></div>
     <div class="node__content">
      <div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
''' + "\n".join(parts) + '''
      </div>
      <div class="field field--name-field-author-bio field--type-text-long field--label-hidden field__item author-bio-box">
       <div class="author-bio-box__inner"><img src="https://www.example-ledger.com/sites/default/files/styles/thumbnail/public/contributors/farhana-kabir.png" alt="" width="60" height="60">
       <p><em><strong>Farhana Kabir</strong> is a climate policy researcher based in Dhaka. She has worked on disaster risk and social protection in coastal Bangladesh for more than a decade.</em></p></div>
      </div>
      <div class="field field--name-field-disclaimer field--type-string field--label-hidden field__item opinion-disclaimer"><p>The views expressed are the author's own and do not necessarily reflect the editorial stance of The Example Ledger.</p></div>
      <div class="letters-promo"><p>Do you have an opinion on the issues raised in this article? If you would like to submit a response of up to 300 words by email to be considered for publication in our letters section, please <a href="mailto:letters@example-ledger.com">click here</a>.</p></div>
      <div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">Explore more on these topics</div><div class="field__items"><div class="field__item"><a href="https://www.example-ledger.com/topics/climate-finance" hreflang="en">Climate finance</a></div><div class="field__item"><a href="https://www.example-ledger.com/topics/bangladesh" hreflang="en">Bangladesh</a></div><div class="field__item"><a href="https://www.example-ledger.com/topics/cop30" hreflang="en">Cop30</a></div></div></div>
     </div>
    </article>
    <section class="comments-section" id="comments" data-coral-embed="ledger"><h2>Comments (212)</h2><p class="comments-note">Sign in or create your Example Ledger account to join the discussion.</p>
     <div class="coral-comment"><span class="coral-username">sundarbanwatch</span><span class="coral-timestamp">18 Nov 2025 6.12</span><p>Direct cash transfers are the only thing that has ever worked in my district. Everything else gets eaten by consultants.</p><button>Recommend 84</button></div>
     <div class="coral-comment"><span class="coral-username">Geoff_R</span><span class="coral-timestamp">18 Nov 2025 7.45</span><p>Good piece but who audits the community audits? Genuine question.</p><button>Recommend 17</button></div>
    </section>
   </div>
  </div>
  <aside class="layout-sidebar-second" role="complementary">
   <div class="block views-block-more-from-author"><h2>More from Farhana Kabir</h2><ul><li><a href="https://www.example-ledger.com/opinion/columns/2025/06/02/cyclone-shelters-women">Cyclone shelters are still not built for women</a></li><li><a href="https://www.example-ledger.com/opinion/columns/2025/01/14/adaptation-finance-gap">The adaptation finance gap is a choice</a></li></ul></div>
   <div class="block views-block-most-viewed"><h2>Most viewed</h2><ol><li><a href="https://www.example-ledger.com/world/2025/nov/17/cop30-final-text">Cop30 ends with deal on adaptation indicators but no new money</a></li><li><a href="https://www.example-ledger.com/economy/2025/nov/17/rupee-record-low">Rupee slides to record low as foreign investors pull out</a></li><li><a href="https://www.example-ledger.com/culture/2025/nov/16/dhaka-lit-fest">Dhaka literature festival returns with record crowds</a></li></ol></div>
   <div class="block newsletter-signup"><h2>Sign up to Climate Frontlines</h2><p>A weekly briefing on the people living with the climate crisis, from our correspondents around the world.</p><form><input type="email" placeholder="Enter your email address"><button>Sign up</button></form><p class="privacy-note">Newsletter promotion. We may use your email to send you offers and marketing.</p></div>
  </aside>
 </main>
 <footer role="contentinfo" class="site-footer"><div class="region region-footer"><nav><ul><li><a href="https://www.example-ledger.com/about">About us</a></li><li><a href="https://www.example-ledger.com/help/complaints">Complaints &amp; corrections</a></li><li><a href="https://www.example-ledger.com/help/privacy">Privacy policy</a></li><li><a href="https://www.example-ledger.com/help/cookies">Cookie policy</a></li><li><a href="https://www.example-ledger.com/help/terms">Terms &amp; conditions</a></li></ul></nav><p>© 2025 Example Ledger Media Ltd. All rights reserved.</p></div></footer>
</div>
</div>
<div id="sp-cmp" class="consent-overlay" role="dialog" aria-modal="true"><div class="consent-message"><h2>It’s your choice</h2><p>We and our partners use cookies and similar technologies to store and access personal data such as browsing data for purposes such as serving and personalising content and advertising.</p><button>Yes, I’m happy</button><button>Manage or reject cookies</button></div></div>
<script src="https://www.example-ledger.com/sites/default/files/js/js_Xc9bQ2.js"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 10. Live blog (each update counts as body; timestamps/bylines do not)
# ---------------------------------------------------------------------------

def page_liveblog():
    name = "liveblog_cyclone"
    url = "https://www.example-currentnews.com/world/live/2025/oct/22/cyclone-meghla-landfall-bangladesh-myanmar-live-updates"
    headline = "Cyclone Meghla live: storm makes landfall near Teknaf as 600,000 moved to shelters"
    desc = ("Latest updates as Cyclone Meghla crosses the Bangladesh-Myanmar coast, bringing storm "
            "surges, power cuts and damage to Rohingya camps.")
    # newest first, as on the page
    entries = [
        ("2025-10-22T21:42:00+06:00", "21:42 BST", "Rafiq Hasan in Cox’s Bazar",
         B("h", "Death toll rises to 11 as rescue teams reach offshore islands"),
         [B("p", "Bangladesh’s disaster management ministry says at least 11 people have been "
                 "confirmed dead, most of them killed by falling trees and collapsed mud houses in "
                 "Cox’s Bazar and Bhola districts. Officials stressed that the figure is provisional, "
                 "as communication with several offshore islands remains patchy."),
          B("p", "Navy vessels carrying dry food, drinking water and medical teams reached Kutubdia "
                 "and Maheshkhali islands in the last hour, according to a navy spokesperson. "
                 "Helicopters are on standby but cannot fly until the winds drop further.")]),
        ("2025-10-22T20:15:00+06:00", "20:15 BST", "Rafiq Hasan in Cox’s Bazar",
         B("h", "Rohingya camps report extensive damage to shelters"),
         [B("p", "Aid agencies working in the Rohingya refugee camps near Teknaf say hundreds of bamboo "
                 "and tarpaulin shelters have been damaged or destroyed. Volunteers moved families from "
                 "the most exposed hillsides into community centres and schools before the storm "
                 "arrived, which officials believe prevented a higher toll.")]),
        ("2025-10-22T18:50:00+06:00", "18:50 BST", "Nusrat Jahan in Dhaka",
         B("h", "Cyclone weakens to severe cyclonic storm after landfall"),
         [B("p", "The meteorological department says Meghla has weakened into a severe cyclonic storm "
                 "as it moves north-east across the Chittagong hill districts. Maximum sustained winds "
                 "near the centre have dropped to around 100km/h, though heavy rain is expected to "
                 "continue through Thursday, raising the risk of landslides."),
          B("p", "Forecasters have lowered the danger signal for the ports of Chittagong and Mongla, "
                 "but river ports remain closed and all inland ferry services are suspended until "
                 "further notice, stranding thousands of passengers at terminals in Barisal and Dhaka.")]),
        ("2025-10-22T17:05:00+06:00", "17:05 BST", "Nusrat Jahan in Dhaka",
         B("h", "Power cut to millions as a precaution"),
         [B("p", "Electricity supply has been switched off across large parts of the coastal belt to "
                 "prevent electrocution from fallen lines, leaving an estimated 3.5 million people in "
                 "the dark. The state power distributor says it will restore supply area by area once "
                 "damage assessments are complete.")]),
        ("2025-10-22T15:30:00+06:00", "15:30 BST", "Rafiq Hasan in Cox’s Bazar",
         B("h", "Landfall confirmed near Teknaf"),
         [B("p", "The eye of Cyclone Meghla crossed the coast between Teknaf in Bangladesh and Maungdaw "
                 "in Myanmar at about 3pm local time, with winds gusting up to 150km/h, according to the "
                 "meteorological department. A storm surge of two to three metres above normal tide was "
                 "reported in low-lying areas."),
          B("p", "Residents on the southern tip of the peninsula told local television that seawater had "
                 "swept over the embankment within minutes. “We could hear the sea before we saw it,” "
                 "one fisherman said by phone from a cyclone shelter, where he had moved with his family "
                 "on Tuesday night.")]),
        ("2025-10-22T13:10:00+06:00", "13:10 BST", "Nusrat Jahan in Dhaka",
         B("h", "More than 600,000 people moved to shelters"),
         [B("p", "Authorities say more than 600,000 people have been evacuated to around 4,000 cyclone "
                 "shelters along the coast, in one of the largest such operations in recent years. "
                 "Volunteers from the national cyclone preparedness programme went door to door with "
                 "megaphones through the morning, urging reluctant residents to leave.")]),
        ("2025-10-22T12:00:00+06:00", "12:00 BST", "Nusrat Jahan in Dhaka",
         B("h", "Welcome to our live coverage"),
         [B("p", "Hello and welcome to our live coverage of Cyclone Meghla, which is expected to make "
                 "landfall on the Bangladesh-Myanmar coast this afternoon. We will bring you the latest "
                 "from our correspondents in Cox’s Bazar and Dhaka, as well as updates from the weather "
                 "service and aid agencies.")]),
    ]
    body = []
    blocks = []
    for n, (iso, shown, who, h, ps) in enumerate(entries):
        body.append(h)
        body.extend(ps)
        bid = "block-" + format(0x67f1a0 + n * 7919, "x")
        inner = "".join('<p>' + p.frag + '</p>' for p in ps)
        extra = ""
        if n == 4:
            extra = ('<figure class="element element-image" data-media-id="b7e1"><img src="https://i.example-currentnews.com/img/media/b7e1/master/1600.jpg" alt="Waves crash over an embankment" width="1600" height="900" loading="lazy">'
                     '<figcaption><span class="caption">Waves crash over the embankment in Teknaf as the cyclone makes landfall.</span> <span class="credit">Photograph: Example Current/Agency</span></figcaption></figure>')
        blocks.append(
            '<article id="' + bid + '" class="block" data-block-contributor="' + esc(who) + '" data-gu-name="live-block">'
            '<header class="block-header"><a href="?page=with:' + bid + '#' + bid + '" class="block-time published-time">'
            '<time datetime="' + iso + '" data-relativeformat="med">' + shown + '</time></a>'
            '<span class="block-contributor">' + esc(who) + '</span>'
            + ('<span class="block-key-event">Key event</span>' if n in (0, 2, 4, 5) else '') +
            '</header><div class="block-elements"><h2 class="block-title">' + h.frag + '</h2>' + inner + extra + '</div>'
            '<footer class="block-footer"><div class="block-share" data-share-url="' + url + '?page=with:' + bid + '">'
            '<a href="https://www.facebook.com/sharer.php?u=' + url + '%3Fpage%3Dwith%3A' + bid + '">Share on Facebook</a>'
            '<a href="https://x.com/intent/post?url=' + url + '%3Fpage%3Dwith%3A' + bid + '">Share on X</a></div>'
            '<span class="block-updated">Updated at ' + shown.split()[0] + '</span></footer></article>')
        if n == 2:
            blocks.append('<div class="liveblog-ad" data-ad-slot="liveblog-inline-1"><p class="ad-label">Advertisement</p><div id="dfp-ad--liveblog-inline-1"></div></div>')
    key_events = "\n".join('<li><a href="#block-' + format(0x67f1a0 + n * 7919, "x") + '"><time datetime="' + entries[n][0] + '">' +
                           entries[n][1].split()[0] + '</time> ' + esc(entries[n][3].text) + '</a></li>'
                           for n in (0, 2, 4, 5))
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "url": url,
        "headline": headline,
        "description": desc,
        "datePublished": entries[-1][0],
        "dateModified": entries[0][0],
        "coverageStartTime": entries[-1][0],
        "coverageEndTime": "2025-10-23T12:00:00+06:00",
        "author": [{"@type": "Person", "name": "Nusrat Jahan"}, {"@type": "Person", "name": "Rafiq Hasan"}],
        "publisher": {"@type": "Organization", "name": "Example Current",
                      "logo": {"@type": "ImageObject", "url": "https://static.example-currentnews.com/logo.png"}},
        "liveBlogUpdate": [{"@type": "BlogPosting", "headline": e[3].text, "datePublished": e[0],
                            "url": url + "?page=with:block-" + format(0x67f1a0 + n * 7919, "x")}
                           for n, e in enumerate(entries)],
    }
    html_doc = '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<title>''' + esc(headline) + ''' | World news | Example Current</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="author" content="Nusrat Jahan">
<meta name="author" content="Rafiq Hasan">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:type" content="article">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://i.example-currentnews.com/img/media/a0c4/master/2400.jpg">
<meta property="article:published_time" content="''' + entries[-1][0] + '''">
<meta property="article:modified_time" content="''' + entries[0][0] + '''">
<meta property="article:section" content="World news">
<meta name="twitter:card" content="summary_large_image">
<style>.block{border-top:1px solid #c70000;padding:8px 0}.block-time{font-weight:700}.live-badge{background:#c70000;color:#fff}</style>
''' + jsonld(ld) + '''
<script>window.curConfig={"page":{"isLive":true,"contentType":"LiveBlog","pageId":"world/live/2025/oct/22/cyclone-meghla","autoUpdate":true,"blockCount":7}};</script>
</head>
<body>
<div id="bannerandheader">
 <div class="cmp-banner" role="dialog" aria-label="Privacy settings"><p>We use cookies to improve your experience on our site and to show you relevant advertising.</p><button>Accept</button><button>Manage my cookies</button></div>
 <header data-component="nav" class="site-nav">
  <a href="https://www.example-currentnews.com/" class="site-nav__logo">Example Current</a>
  <nav aria-label="Sections"><ul>
   <li><a href="https://www.example-currentnews.com/news">News</a></li>
   <li><a href="https://www.example-currentnews.com/commentisfree">Opinion</a></li>
   <li><a href="https://www.example-currentnews.com/sport">Sport</a></li>
   <li><a href="https://www.example-currentnews.com/culture">Culture</a></li>
   <li><a href="https://www.example-currentnews.com/lifestyle">Lifestyle</a></li>
  </ul></nav>
  <a class="support-cta" href="https://support.example-currentnews.com/">Support us</a>
 </header>
 <nav class="subnav" aria-label="News"><ul><li><a href="https://www.example-currentnews.com/world">World</a></li><li><a href="https://www.example-currentnews.com/world/asia">Asia</a></li><li><a href="https://www.example-currentnews.com/environment/climate-crisis">Climate crisis</a></li><li><a href="https://www.example-currentnews.com/global-development">Global development</a></li></ul></nav>
</div>
<main data-layout="LiveLayout">
 <div class="live-header">
  <div class="live-header__series"><span class="live-badge">Live</span> <a href="https://www.example-currentnews.com/world/bangladesh">Bangladesh</a></div>
  <h1 class="live-header__headline">''' + esc(headline) + '''</h1>
  <div class="live-header__standfirst"><ul><li>Storm surge of up to three metres reported in low-lying areas</li><li>Millions without power after precautionary shutdowns</li><li><a href="https://www.example-currentnews.com/world/2025/oct/21/cyclone-meghla-what-we-know">Cyclone Meghla: what we know so far</a></li></ul></div>
 </div>
 <div class="live-grid">
  <aside class="live-meta">
   <address class="live-meta__byline">Nusrat Jahan in Dhaka and Rafiq Hasan in Cox’s Bazar</address>
   <div class="live-meta__date">Wed 22 Oct 2025 <time datetime="''' + entries[0][0] + '''">21.42 BST</time></div>
   <div class="live-meta__share"><button>Share</button></div>
   <section class="key-events" aria-labelledby="key-events-title"><h2 id="key-events-title">Key events</h2><ul>
''' + key_events + '''
   </ul><button class="key-events__toggle">Show key events only</button></section>
  </aside>
  <div class="live-feed">
   <div class="live-feed__controls"><span class="live-feed__updated">Updated 2m ago</span><button class="live-feed__autoupdate" aria-pressed="true">Live feed on</button><span class="toast" hidden>4 new updates</span></div>
   <div id="liveblog-body" data-gu-name="body" class="live-feed__blocks">
''' + "\n".join(blocks) + '''
   </div>
   <div class="live-feed__pagination"><a href="?page=with:block-oldest">Oldest</a> <span>1 of 1</span></div>
  </div>
 </div>
 <section class="onwards" aria-labelledby="most-viewed-title"><h2 id="most-viewed-title">Most viewed</h2><ol>
  <li><a href="https://www.example-currentnews.com/world/2025/oct/22/myanmar-rakhine-aid-access">Aid groups plead for access to storm-hit Rakhine state</a></li>
  <li><a href="https://www.example-currentnews.com/environment/2025/oct/21/bay-of-bengal-warming-cyclones">Warming Bay of Bengal is making cyclones intensify faster, study finds</a></li>
  <li><a href="https://www.example-currentnews.com/sport/2025/oct/22/bangladesh-cricket-series-postponed">Bangladesh cricket series postponed because of cyclone</a></li>
 </ol></section>
 <section class="contributions-epic" aria-label="Support"><h2>We have a small favour to ask</h2><p>Millions of readers rely on Example Current for independent reporting from places other outlets overlook. If you can, please consider supporting us today.</p><a href="https://support.example-currentnews.com/contribute">Support us</a></section>
</main>
<footer class="site-footer"><ul><li><a href="https://www.example-currentnews.com/about">About us</a></li><li><a href="https://www.example-currentnews.com/help/contact-us">Contact us</a></li><li><a href="https://www.example-currentnews.com/info/privacy">Privacy policy</a></li></ul><p>© 2025 Example Current News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer>
<script src="https://assets.example-currentnews.com/assets/liveblog.c91f2e.js" type="module"></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 11. Sport page with embedded tweet, pull quote and photo gallery
# ---------------------------------------------------------------------------

def page_sport():
    name = "sport_embeds_gallery"
    url = "https://www.example-sportsdesk.com/cricket/2025/09/14/nepal-women-seal-first-t20-series-win-over-scotland/"
    headline = "Nepal women seal first T20 series win over Scotland as Kirtipur crowd roars"
    desc = ("Captain Sunita Bhandari’s unbeaten 47 guides a tense chase of 134 in the decider "
            "before a record crowd for a women’s international in Nepal.")
    author = "Prakash Shrestha"
    pub, mod = "2025-09-14T17:48:00+05:45", "2025-09-14T20:03:00+05:45"
    body = [
        B("p", "Nepal’s women completed a historic 2-1 series victory over Scotland on Sunday, chasing "
               "down 134 with five balls to spare in a tense decider at Kirtipur as several thousand "
               "spectators crammed onto the grass banks surrounding the university ground."),
        B("p", "It was the first time Nepal’s women had beaten a side of Scotland’s standing in a "
               "bilateral T20 series, and the result strengthens their claim to host next year’s "
               "regional qualifying event. Captain Sunita Bhandari, whose unbeaten 47 anchored the "
               "chase, called it “the best day of my cricket life”."),
        B("tweet", 'History at Kirtipur! Nepal women win the T20I series 2-1 against Scotland. What a '
                   'chase, what a crowd. <a href="https://x.com/hashtag/NepalCricket?src=hash">#NepalCricket</a>'),
        B("p", "Scotland had looked in control after opener Isla Brodie struck a fluent 58 off 44 balls, "
               "but Nepal’s spinners squeezed the innings in the final overs, conceding just 21 runs "
               "from the last five and picking up four wickets. Leg-spinner Kabita Ojha finished with "
               "three for 19 from her four overs."),
        B("p", "The chase wobbled early when Nepal slipped to 38 for three inside the powerplay. "
               "Bhandari steadied the innings with a 64-run partnership alongside Manisha Rawal, "
               "rotating the strike patiently before launching two boundaries off the 18th over that "
               "swung the match decisively."),
        B("p", "“The crowd carried us,” Bhandari said at the presentation ceremony. “Every run felt "
               "like the whole valley was batting with us. We have been telling people for years that "
               "women’s cricket in Nepal can fill a ground, and today they saw it with their own eyes.”"),
        B("p", "Scotland coach Alasdair Munro praised the hosts but admitted his side had lost their way "
               "in the middle overs. “We got ourselves into a great position and then stopped being "
               "brave,” he said. “Credit to Nepal, they bowled with real discipline and they "
               "deserved it.”"),
        B("p", "The series drew record attendances for a women’s international in Nepal, with "
               "organisers estimating more than 9,000 spectators on Sunday alone. Entry was free, but "
               "food stalls and merchandise stands had sold out by mid-afternoon, and the association "
               "said it would consider charging a nominal fee for future fixtures."),
        B("p", "Nepal next travel to Malaysia for a four-team series in November, which will serve as "
               "their final preparation before the qualifying tournament. Selectors are expected to "
               "name an unchanged squad, though fast bowler Nirmala Dhami, who missed the series with "
               "a side strain, could return."),
    ]
    pull = "“The crowd carried us. Every run felt like the whole valley was batting with us.”"
    gallery = [
        ("gal-1.jpg", "Fans climb trees around the ground to watch the decider.", "Photo: Bikash Karki / Example Sports Desk"),
        ("gal-2.jpg", "Sunita Bhandari pulls a short ball during her unbeaten 47.", "Photo: Bikash Karki / Example Sports Desk"),
        ("gal-3.jpg", "Kabita Ojha celebrates the wicket of Isla Brodie.", "Photo: Bikash Karki / Example Sports Desk"),
        ("gal-4.jpg", "Nepal players lift the trophy in front of the main stand.", "Photo: Cricket Association"),
        ("gal-5.jpg", "Supporters wave flags after the winning runs.", "Photo: Bikash Karki / Example Sports Desk"),
    ]
    gal = ('<div class="gallery-embed" data-component="photo-gallery" data-gallery-id="g-88120" role="region" aria-roledescription="carousel" aria-label="Photo gallery">'
           '<div class="gallery-embed__header"><span class="gallery-embed__title">In pictures: Kirtipur celebrates</span><span class="gallery-embed__count">' + str(len(gallery)) + ' photos</span></div><ul class="gallery-embed__slides">' +
           "".join('<li class="gallery-embed__slide" aria-roledescription="slide" aria-label="' + str(n + 1) + ' of ' + str(len(gallery)) + '">'
                   '<figure><img src="https://img.example-sportsdesk.com/2025/09/14/' + f + '" alt="" loading="lazy" width="1200" height="800">'
                   '<figcaption><span class="gallery-embed__index">' + str(n + 1) + ' / ' + str(len(gallery)) + '</span> <span class="gallery-embed__caption">' + esc(c) +
                   '</span> <span class="gallery-embed__credit">' + esc(cr) + '</span></figcaption></figure></li>'
                   for n, (f, c, cr) in enumerate(gallery)) +
           '</ul><button class="gallery-embed__prev" aria-label="Previous photo">‹</button><button class="gallery-embed__next" aria-label="Next photo">›</button>'
           '<a class="gallery-embed__fullscreen" href="https://www.example-sportsdesk.com/gallery/g-88120/">View full gallery</a></div>')
    parts = []
    for i, b in enumerate(body):
        if b.kind == "tweet":
            parts.append('<div class="arc-embed arc-embed--twitter" data-oembed-type="twitter"><blockquote class="twitter-tweet" data-dnt="true" data-theme="light">'
                         '<p lang="en" dir="ltr">' + b.frag + '</p>&mdash; Example Cricket Association (@ExampleCricketNP) '
                         '<a href="https://x.com/ExampleCricketNP/status/1967212345678901234?ref_src=twsrc%5Etfw">September 14, 2025</a></blockquote>'
                         '<script async src="https://platform.x.com/widgets.js" charset="utf-8"></script></div>')
            continue
        parts.append('<p class="article-body__paragraph" data-type="text">' + b.frag + '</p>')
        if i == 3:
            parts.append('<aside class="pull-quote" aria-hidden="true"><blockquote class="pull-quote__text"><p>' + esc(pull) + '</p></blockquote><cite class="pull-quote__cite">Sunita Bhandari, Nepal captain</cite></aside>')
        if i == 4:
            parts.append('<div class="ad-wrapper ad-wrapper--inline" data-ad-name="article_inline_2"><span class="ad-wrapper__label">ADVERTISEMENT</span><div id="arcad-inline2"></div></div>')
        if i == 5:
            parts.append(gal)
        if i == 6:
            parts.append('<div class="youtube-embed" data-oembed-type="youtube"><iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/ExAmPlE1234" title="Highlights: Nepal v Scotland, 3rd T20I" loading="lazy" allowfullscreen></iframe><p class="youtube-embed__caption">Highlights: Nepal v Scotland, third T20I</p></div>')
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": desc,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": pub,
        "dateModified": mod,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": "Example Sports Desk",
                      "logo": {"@type": "ImageObject", "url": "https://www.example-sportsdesk.com/pf/resources/logo.png"}},
        "image": ["https://img.example-sportsdesk.com/2025/09/14/lead-16x9.jpg"],
        "articleSection": "Cricket",
        "keywords": ["Nepal", "Scotland", "women's cricket", "T20I"],
    }
    scoreboard = ('<div class="scorecard-widget" data-match-id="nep-sco-w-t20i-3"><div class="scorecard-widget__status">Result</div>'
                  '<div class="scorecard-widget__team"><span>Scotland Women</span> <span>133/8 (20)</span></div>'
                  '<div class="scorecard-widget__team scorecard-widget__team--winner"><span>Nepal Women</span> <span>134/6 (19.1)</span></div>'
                  '<div class="scorecard-widget__summary">Nepal Women won by 4 wickets (5 balls left)</div><a href="https://www.example-sportsdesk.com/scores/nep-sco-w-t20i-3/">Full scorecard</a></div>')
    html_doc = '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>''' + esc(headline) + ''' - Example Sports Desk</title>
<meta name="description" content="''' + esc(desc) + '''">
<meta name="author" content="''' + author + '''">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:type" content="article">
<meta property="og:title" content="''' + esc(headline) + '''">
<meta property="og:description" content="''' + esc(desc) + '''">
<meta property="og:image" content="https://img.example-sportsdesk.com/2025/09/14/lead-16x9.jpg">
<meta property="article:published_time" content="''' + pub + '''">
<meta property="article:modified_time" content="''' + mod + '''">
<meta property="article:tag" content="Nepal">
<meta property="article:tag" content="Women's cricket">
<meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="https://www.example-sportsdesk.com/pf/dist/components/combinations/default.css?d=812">
''' + jsonld(ld) + '''
<script>window.Fusion=window.Fusion||{};Fusion.arcSite="sportsdesk";Fusion.globalContent={"_id":"KZ3NQ7W2","type":"story","taxonomy":{"primary_section":{"_id":"/cricket"}}};</script>
</head>
<body class="story-page">
<div id="fusion-app">
 <div class="promo-banner"><span>Never miss a ball: get live score alerts in the Sports Desk app.</span> <a href="https://www.example-sportsdesk.com/app/">Download</a></div>
 <header class="masthead">
  <button class="masthead__menu" aria-label="Open sections menu">Sections</button>
  <a href="https://www.example-sportsdesk.com/" class="masthead__logo">Example Sports Desk</a>
  <nav class="masthead__nav" aria-label="Sports"><ul><li><a href="https://www.example-sportsdesk.com/cricket/" class="is-active">Cricket</a></li><li><a href="https://www.example-sportsdesk.com/football/">Football</a></li><li><a href="https://www.example-sportsdesk.com/kabaddi/">Kabaddi</a></li><li><a href="https://www.example-sportsdesk.com/athletics/">Athletics</a></li><li><a href="https://www.example-sportsdesk.com/scores/">Live Scores</a></li><li><a href="https://www.example-sportsdesk.com/video/">Video</a></li></ul></nav>
  <a class="masthead__signin" href="https://www.example-sportsdesk.com/account/login/">Sign in</a>
 </header>
 <div class="score-ticker" aria-label="Live scores"><ul><li>NEP-W 134/6 beat SCO-W 133/8</li><li>UAE 201/4 v OMA — Innings break</li><li>HK 88 all out v MAS 89/2 — MAS won</li></ul></div>
 <main class="layout-main">
  <article class="article" data-story-id="KZ3NQ7W2">
   <div class="article-header">
    <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="https://www.example-sportsdesk.com/">Home</a> › <a href="https://www.example-sportsdesk.com/cricket/">Cricket</a> › <a href="https://www.example-sportsdesk.com/cricket/womens/">Women's cricket</a></nav>
    <h1 class="article-header__headline">''' + esc(headline) + '''</h1>
    <h2 class="article-header__subheadline">''' + esc(desc) + '''</h2>
    <div class="byline-block"><span class="byline-block__by">By</span> <a class="byline-block__author" href="https://www.example-sportsdesk.com/people/prakash-shrestha/">''' + author + '''</a><span class="byline-block__location">Kirtipur</span>
     <time class="byline-block__date" datetime="''' + pub + '''">September 14, 2025 at 5:48 p.m. NPT</time></div>
    <div class="share-tools"><button class="share-tools__btn" data-network="whatsapp">WhatsApp</button><button class="share-tools__btn" data-network="facebook">Facebook</button><button class="share-tools__btn" data-network="x">X</button><button class="share-tools__btn" data-network="copy">Copy link</button><span class="share-tools__comments"><a href="#comments">42 comments</a></span></div>
   </div>
   <figure class="lead-art"><img src="https://img.example-sportsdesk.com/2025/09/14/lead-16x9.jpg" alt="Nepal players celebrate with the trophy" width="1600" height="900"><figcaption class="lead-art__caption">Nepal’s players celebrate their series win at Kirtipur on Sunday. <span class="lead-art__credit">(Bikash Karki / Example Sports Desk)</span></figcaption></figure>
   ''' + scoreboard + '''
   <div class="article-body" data-qa="article-body">
''' + "\n".join(parts) + '''
   </div>
   <div class="article-footer">
    <div class="tags"><span class="tags__label">More on:</span> <a href="https://www.example-sportsdesk.com/tags/nepal-cricket/">Nepal cricket</a> <a href="https://www.example-sportsdesk.com/tags/womens-cricket/">Women's cricket</a> <a href="https://www.example-sportsdesk.com/tags/scotland-cricket/">Scotland cricket</a></div>
    <div class="author-bio"><img src="https://img.example-sportsdesk.com/people/prakash-shrestha.jpg" alt="" width="56" height="56"><p><a href="https://www.example-sportsdesk.com/people/prakash-shrestha/">Prakash Shrestha</a> covers cricket in Nepal and associate nations for Example Sports Desk. Follow him on X <a href="https://x.com/prakash_cricket">@prakash_cricket</a>.</p></div>
   </div>
  </article>
  <section id="comments" class="comments"><h2>Comments (42)</h2><div class="comments__item"><strong>kathmandu_fan</strong><p>Was there! Never seen Kirtipur so full, not even for the men.</p></div><div class="comments__item"><strong>cricketnerd99</strong><p>Ojha’s last two overs were the difference. Give her the new ball in Malaysia.</p></div><button class="comments__more">Show more comments</button></section>
  <section class="most-read" aria-labelledby="mr-title"><h2 id="mr-title">Most Read in Cricket</h2><ol>
   <li><a href="https://www.example-sportsdesk.com/cricket/2025/09/13/uae-oman-washout/">Rain washes out UAE-Oman clash in Al Amerat</a></li>
   <li><a href="https://www.example-sportsdesk.com/cricket/2025/09/12/nepal-men-coach-contract/">Nepal men’s coach signs two-year extension</a></li>
   <li><a href="https://www.example-sportsdesk.com/cricket/2025/09/11/associate-funding-cut/">Associate nations brace for funding cuts</a></li>
  </ol></section>
  <section class="recommended" aria-labelledby="rec-title"><h2 id="rec-title">Recommended for you</h2>
   <div class="rec-card"><a href="https://www.example-sportsdesk.com/cricket/2025/08/30/womens-cricket-nepal-grassroots/"><h3>The village academies producing Nepal’s next women stars</h3></a><p>In the far west, a network of school teams has quietly become the country’s best talent pipeline.</p></div>
   <div class="rec-card"><a href="https://www.example-sportsdesk.com/football/2025/09/13/saff-championship-draw/"><h3>SAFF Championship draw: Nepal grouped with India and Bhutan</h3></a><p>The regional tournament returns to Kathmandu for the first time in a decade.</p></div>
  </section>
  <div class="ad-wrapper ad-wrapper--footer"><span class="ad-wrapper__label">ADVERTISEMENT</span><div id="arcad-footer"></div></div>
 </main>
 <footer class="site-footer"><div class="site-footer__newsletter"><h3>The Over</h3><p>Our weekly cricket newsletter, with analysis from across Asia.</p><form><input type="email" placeholder="Email address"><button>Subscribe</button></form></div><nav><a href="https://www.example-sportsdesk.com/about/">About</a> <a href="https://www.example-sportsdesk.com/contact/">Contact</a> <a href="https://www.example-sportsdesk.com/privacy/">Privacy</a> <a href="https://www.example-sportsdesk.com/terms/">Terms</a></nav><p>© 1996-2025 Example Sports Desk</p></footer>
</div>
<div class="cookie-consent" role="dialog"><p>By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site navigation and analyse site usage.</p><button>Accept All Cookies</button><button>Cookies Settings</button></div>
<script src="https://www.example-sportsdesk.com/pf/dist/engine/react.js?d=812&amp;mxId=00000000" defer></script>
</body>
</html>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# 12. Old-school page: table layout, inline styles, <br><br> paragraphs,
#     no semantic tags, no JSON-LD
# ---------------------------------------------------------------------------

def page_oldschool():
    name = "oldschool_tea_auction"
    url = "http://www.example-islandnews.lk/2025/04/12/business03.html"
    headline = "Low grown teas fetch higher prices at Colombo auction"
    body = [
        B("p", "Prices of low grown teas continued their upward trend at this week&#39;s Colombo tea "
               "auction, with leafy and semi-leafy grades recording gains of up to Rs. 100 per kilo on "
               "strong demand from buyers in the Middle East and Russia, brokers said yesterday."),
        B("p", "A total of 6.2 million kilos was on offer at the two-day sale, slightly lower than the "
               "previous week, as wet weather in the southern plantation districts reduced green leaf "
               "intake at several factories. Brokers said the lower quantities contributed to the firm "
               "tone across most categories."),
        B("p", "&quot;The market for well made Ruhuna teas is very healthy at the moment,&quot; said "
               "Mahinda Weerasekara, a director of a leading Colombo broking firm. &quot;Buyers are "
               "paying premiums for clean, black leaf, but poorer teas that are not properly sorted "
               "remain difficult to sell and some lots were withdrawn.&quot;"),
        B("p", "High grown teas, produced in the Nuwara Eliya and Uva regions, met with irregular demand. "
               "Better westerns maintained their prices, but plainer sorts eased by Rs. 20 to Rs. 30 per "
               "kilo. Medium grown teas were mostly steady, with some improvement seen in the better "
               "liquoring varieties."),
        B("p", "The industry has been under pressure from rising costs, particularly wages and "
               "fertiliser, and producers have repeatedly called for government support to improve "
               "productivity on ageing smallholdings. Smallholders account for around 70 percent of "
               "the country&#39;s total tea production, according to industry figures."),
        B("p", "Export earnings from tea for the first quarter of the year rose to about US$ 360 "
               "million compared with the corresponding period last year, helped by higher average "
               "prices. Officials of the Tea Board said they expected total production for the year to "
               "be in the region of 260 million kilos, weather permitting."),
        B("p", "The next auction will be held on Tuesday and Wednesday with an estimated 6.5 million "
               "kilos on offer, including around 900,000 kilos of ex-estate teas in the main catalogues, "
               "brokers said."),
    ]
    text = "<br><br>\n".join(b.frag for b in body)
    html_doc = '''<!DOCTYPE html>
<HTML>
<HEAD>
<TITLE>The Island Example - Business - ''' + esc(headline) + '''</TITLE>
<META http-equiv="Content-Type" content="text/html; charset=utf-8">
<META name="description" content="Prices of low grown teas continued their upward trend at this week's Colombo tea auction.">
<META name="keywords" content="tea, auction, Colombo, low grown, Sri Lanka, business">
<META name="date" content="2025-04-12">
<link rel="canonical" href="''' + url + '''">
<meta property="og:url" content="''' + url + '''">
<meta property="og:title" content="''' + esc(headline) + '''">
<SCRIPT language="JavaScript">
function popUp(URL) { window.open(URL, 'print', 'toolbar=0,scrollbars=1,location=0,statusbar=0,menubar=0,resizable=1,width=600,height=500'); }
</SCRIPT>
</HEAD>
<BODY bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0" style="margin:0;font-family:Verdana,Arial,Helvetica,sans-serif">
<TABLE width="100%" border="0" cellspacing="0" cellpadding="0" style="background-color:#003366">
<TR>
<TD width="250" style="padding:6px"><A href="http://www.example-islandnews.lk/"><IMG src="http://www.example-islandnews.lk/images/logo.gif" width="240" height="60" border="0" alt="The Island Example"></A></TD>
<TD align="right" style="padding:6px;color:#FFFFFF;font-size:11px">Saturday, 12 April 2025<br><A href="http://www.example-islandnews.lk/archives.html" style="color:#FFCC00">Archives</A> | <A href="http://www.example-islandnews.lk/contact.html" style="color:#FFCC00">Contact Us</A> | <A href="http://www.example-islandnews.lk/advertise.html" style="color:#FFCC00">Advertise</A></TD>
</TR>
</TABLE>
<TABLE width="100%" border="0" cellspacing="0" cellpadding="0" style="background-color:#FFCC00">
<TR><TD style="padding:3px;font-size:11px;font-weight:bold"><marquee scrollamount="3">BREAKING: Fuel prices unchanged for April * Colombo Stock Exchange ASPI gains 42 points * Heavy rain warning for Southern and Sabaragamuwa provinces</marquee></TD></TR>
</TABLE>
<TABLE width="100%" border="0" cellspacing="0" cellpadding="0">
<TR valign="top">
<TD width="160" style="background-color:#EEEEEE;padding:8px;font-size:12px;border-right:1px solid #CCCCCC">
<B style="color:#003366">SECTIONS</B><br>
<A href="http://www.example-islandnews.lk/index.html">Front Page</A><br>
<A href="http://www.example-islandnews.lk/news.html">News</A><br>
<A href="http://www.example-islandnews.lk/business.html"><B>Business</B></A><br>
<A href="http://www.example-islandnews.lk/editorial.html">Editorial</A><br>
<A href="http://www.example-islandnews.lk/features.html">Features</A><br>
<A href="http://www.example-islandnews.lk/sports.html">Sports</A><br>
<A href="http://www.example-islandnews.lk/letters.html">Letters</A><br>
<A href="http://www.example-islandnews.lk/obituaries.html">Obituaries</A><br>
<A href="http://www.example-islandnews.lk/classifieds.html">Classifieds</A><br>
<br>
<A href="http://www.example-islandnews.lk/advertise.html"><IMG src="http://www.example-islandnews.lk/ads/bank_150x300.gif" width="150" height="300" border="0" alt="Advertisement"></A>
</TD>
<TD style="padding:12px">
<FONT face="Verdana, Arial" size="1" color="#999999">Home &gt; Business</FONT><br><br>
<FONT face="Georgia, Times New Roman" size="5" color="#003366"><B>''' + esc(headline) + '''</B></FONT><br>
<FONT face="Verdana, Arial" size="1" color="#666666">By Our Business Correspondent</FONT><br><br>
<TABLE align="right" width="260" border="0" cellspacing="0" cellpadding="4" style="margin:0 0 8px 10px;border:1px solid #CCCCCC">
<TR><TD><IMG src="http://www.example-islandnews.lk/2025/04/12/images/tea_pluckers.jpg" width="250" height="180" alt="" border="0"></TD></TR>
<TR><TD style="font-size:10px;color:#666666">Tea pluckers at an estate in the Galle district. File photo</TD></TR>
</TABLE>
<FONT face="Verdana, Arial" size="2">
''' + text + '''
</FONT>
<br><br>
<TABLE width="100%" border="0" cellspacing="0" cellpadding="4" style="border-top:1px dotted #999999">
<TR><TD style="font-size:11px"><A href="javascript:popUp('http://www.example-islandnews.lk/print.php?id=business03')">Printable version</A> | <A href="mailto:?subject=The%20Island%20Example%20article&amp;body=''' + url + '''">E-mail this article</A> | <A href="http://www.example-islandnews.lk/letters.html">Write to the Editor</A></TD></TR>
</TABLE>
<br>
<TABLE width="100%" border="0" cellspacing="0" cellpadding="3" style="background-color:#F5F5F5;border:1px solid #DDDDDD">
<TR><TD style="font-size:12px"><B style="color:#003366">Other Business News</B><br>
&raquo; <A href="http://www.example-islandnews.lk/2025/04/12/business01.html">CSE turnover crosses Rs. 3 billion as banks rally</A><br>
&raquo; <A href="http://www.example-islandnews.lk/2025/04/12/business02.html">Apparel exporters seek extension of EU tariff concession</A><br>
&raquo; <A href="http://www.example-islandnews.lk/2025/04/12/business04.html">Rupee steady against US dollar in thin trade</A><br>
&raquo; <A href="http://www.example-islandnews.lk/2025/04/12/business05.html">Coconut prices ease after bumper harvest in Kurunegala</A>
</TD></TR>
</TABLE>
</TD>
<TD width="170" style="padding:8px;border-left:1px solid #CCCCCC;font-size:11px">
<B style="color:#CC0000">MOST READ</B><br>
1. <A href="http://www.example-islandnews.lk/2025/04/12/news01.html">New Year rush: Extra trains to Badulla and Matara</A><br>
2. <A href="http://www.example-islandnews.lk/2025/04/12/news04.html">Police warn of counterfeit Rs. 5,000 notes</A><br>
3. <A href="http://www.example-islandnews.lk/2025/04/12/sports02.html">Mahinda College clinch Big Match by seven wickets</A><br>
<br>
<A href="http://www.example-islandnews.lk/advertise.html"><IMG src="http://www.example-islandnews.lk/ads/insurance_160x600.gif" width="160" height="600" border="0" alt="Advertisement"></A>
</TD>
</TR>
</TABLE>
<TABLE width="100%" border="0" cellspacing="0" cellpadding="6" style="background-color:#003366">
<TR><TD align="center" style="color:#FFFFFF;font-size:10px">Copyright &copy; 2025 The Island Example. All Rights Reserved.<br>Best viewed with 1024 x 768 resolution. <A href="mailto:webmaster@example-islandnews.lk" style="color:#FFCC00">Webmaster</A><br>Visitors: <IMG src="http://www.example-islandnews.lk/cgi-bin/counter.gif" width="60" height="12" alt="4128906"></TD></TR>
</TABLE>
</BODY>
</HTML>
'''
    return name, html_doc, body


# ---------------------------------------------------------------------------
# verification
# ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark",
          "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "data"}
SKIP = {"head", "script", "style", "template", "noscript", "title"}


class Checker(HTMLParser):
    """Strict-ish well-formedness check + visible text with block boundaries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.chunks = []

    def _boundary(self, tag):
        if tag not in INLINE:
            self.chunks.append("\n")

    def handle_starttag(self, tag, attrs):
        self._boundary(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._boundary(tag)
        if tag not in VOID:
            self.errors.append("self-closing non-void <%s/> at %s" % (tag, self.getpos()))

    def handle_endtag(self, tag):
        self._boundary(tag)
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s> at %s (open: %s)" % (tag, self.getpos(), self.stack[-3:]))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if not any(t in SKIP for t in self.stack):
            self.chunks.append(data)

    def visible_lines(self):
        return [norm(x) for x in "".join(self.chunks).split("\n") if norm(x)]


def word_count(s):
    return len(s.split())


def verify(pages, gt):
    problems = []
    if sorted(gt) != sorted(n for n, _, _ in pages):
        problems.append("ground truth keys differ from page names")
    ld_bodies = 0
    for name, doc, body in pages:
        path = os.path.join(HERE, name + ".html")
        with open(path, encoding="utf-8") as f:
            ondisk = f.read()
        if ondisk != doc:
            problems.append(name + ": file on disk differs from generator output")
        c = Checker()
        c.feed(ondisk)
        c.close()
        if c.stack:
            c.errors.append("unclosed at EOF: %s" % c.stack)
        for e in c.errors:
            problems.append(name + ": " + e)
        vis = "\n".join(c.visible_lines())
        lines = gt[name]["articleBody"].split("\n")
        if lines != [b.text for b in body]:
            problems.append(name + ": ground truth differs from body strings")
        for ln in lines:
            if not ln or ln != norm(ln):
                problems.append(name + ": empty or unnormalised line %r" % ln[:60])
            if ln not in vis:
                problems.append(name + ": line not in visible text: %r" % ln[:80])
        ps = [b.text for b in body if b.kind == "p"]
        if not 4 <= len(ps) <= 14:
            problems.append(name + ": %d paragraphs" % len(ps))
        for p in ps:
            if not 30 <= word_count(p) <= 100:
                problems.append(name + ": paragraph has %d words: %r" % (word_count(p), p[:60]))
        if '"articleBody"' in ondisk:
            ld_bodies += 1
        for must in ('rel="canonical"', 'og:url'):
            if must not in ondisk:
                problems.append(name + ": missing " + must)
    if ld_bodies > 2:
        problems.append("%d pages carry a JSON-LD articleBody (max 2)" % ld_bodies)
    return problems


PAGES = [page_herald, page_southasia, page_wire, page_nextjs, page_substack, page_localtv,
         page_hindi, page_spanish, page_opinion, page_liveblog, page_sport, page_oldschool]


def build():
    pages = [f() for f in PAGES]
    names = [n for n, _, _ in pages]
    assert len(set(names)) == len(names) == 12, names
    return pages


def main(argv):
    pages = build()
    gt_path = os.path.join(HERE, "ground_truth.json")
    if "--check" not in argv:
        for name, doc, body in pages:
            with open(os.path.join(HERE, name + ".html"), "w", encoding="utf-8", newline="\n") as f:
                f.write(doc)
        gt = {name: {"articleBody": gt_text(body)} for name, _, body in pages}
        with open(gt_path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(gt, f, ensure_ascii=False, indent=2, sort_keys=True)
            f.write("\n")
    with open(gt_path, encoding="utf-8") as f:
        gt = json.load(f)
    problems = verify(pages, gt)
    for name, doc, body in pages:
        kinds = {}
        for b in body:
            kinds[b.kind] = kinds.get(b.kind, 0) + 1
        print("%-24s %6d bytes  %3d gt lines  %s" % (name, len(doc.encode("utf-8")), len(body),
                                                    " ".join("%s=%d" % kv for kv in sorted(kinds.items()))))
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print("  - " + p)
        return 1
    print("\nOK: %d pages, all parse cleanly, every ground-truth line found in visible text." % len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
