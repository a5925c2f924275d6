// Fictional pages written for these tests (no real site's text).

export const NEWS_PAGE = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour bridge reopens | Port Alder Gazette</title>
<meta property="og:site_name" content="Port Alder Gazette">
<meta property="article:published_time" content="2025-03-14T09:30:00+01:00">
<meta name="author" content="Mira Holt"><link rel="canonical" href="https://gazette.example/2025/03/14/bridge"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Port Alder reopened on Friday after four months of repairs, the town council said, ending long detours for commuters.</p>
<p>Engineers replaced the corroded steel cables, repainted the deck and installed new lighting along the footpath, at a cost of two million crowns.</p>
<figure><img src="x.jpg"><figcaption>The bridge at dawn. Photo: Gazette staff</figcaption></figure>
<p>"We are glad to have our bridge back," said Ella Brandt, who runs a bakery on the east bank, adding that trade had fallen by a third.</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
<div class="newsletter-box"><p>Sign up for our morning newsletter and never miss a story from the harbour.</p></div>
</article>
<section class="related-stories"><h2>Read next</h2><ul><li><a href="/a">Ferry timetable changes for the winter season</a></li></ul></section>
<div id="comments"><p>Great news, finally! I drove around the bay for months, this comment is long enough to look like text.</p></div>
<footer>© 2025 Port Alder Gazette. All rights reserved.</footer></body></html>`;

/** A page without article markup: the text sits in plain divs beside a link-heavy menu. */
export const DIV_PAGE = `<html><head><title>Allotment society</title></head><body>
<div id="left"><div><a href="/1">Plots</a></div><div><a href="/2">Members</a></div><div><a href="/3">Calendar</a></div><div><a href="/4">Contact us here</a></div></div>
<div id="text">
<div>The Linden Row allotment society was founded by twelve gardeners, who shared one water pump and a shed full of borrowed tools, in a field behind the old mill.</div>
<div>Today the society looks after sixty plots, runs a seed exchange every spring, and keeps bees, which pollinate the orchards of the whole valley, season after season.</div>
<div>New members are welcome; the waiting list is short, the annual fee is modest, and a mentor shows every newcomer how the compost bays work.</div>
</div></body></html>`;
