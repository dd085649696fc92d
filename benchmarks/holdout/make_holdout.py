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
